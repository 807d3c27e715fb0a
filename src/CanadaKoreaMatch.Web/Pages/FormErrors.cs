using CanadaKoreaMatch.Web.Common.Errors;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CanadaKoreaMatch.Web.Pages;

/// <summary>Puts the mediator's field errors on the form fields they belong to, in the page's language.</summary>
internal static class FormErrors
{
    public static bool TryAdd(ModelStateDictionary modelState, Exception exception, string prefix, IStringLocalizer t)
    {
        IEnumerable<(string Field, string Message)> errors = exception switch
        {
            ValidationException validation => validation.Errors.Select(e => (e.PropertyName, e.CustomState is Refusal r ? r.Localize(t) : t[e.ErrorMessage].Value)),
            InputException input => input.Refusals.SelectMany(e => e.Value.Select(r => (e.Key, r.Localize(t)))),
            ConflictException conflict => [("", conflict.Refusal.Localize(t))],
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => [("", Refusal.ChangedSinceLoaded.Localize(t))],
            _ when UniqueViolation.Is(exception) => [("", Refusal.SavedAtTheSameMoment.Localize(t))],
            Features.Companies.ImportRejectedException rejected => [("", rejected.Refusal.Localize(t))],
            _ => [],
        };
        var any = false;
        foreach (var (field, message) in errors)
        {
            modelState.AddModelError(Key(prefix, field), message);
            any = true;
        }

        return any;
    }

    private static string Key(string prefix, string field)
    {
        if (field.Length == 0)
        {
            return "";
        }

        var pascal = string.Join('.', field.Split('.').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return prefix.Length == 0 ? pascal : $"{prefix}.{pascal}";
    }
}
