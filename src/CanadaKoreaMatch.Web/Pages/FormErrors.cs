using CanadaKoreaMatch.Web.Common.Errors;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CanadaKoreaMatch.Web.Pages;

/// <summary>Puts the mediator's field errors on the form fields they belong to.</summary>
internal static class FormErrors
{
    public static bool TryAdd(ModelStateDictionary modelState, Exception exception, string prefix)
    {
        IEnumerable<(string Field, string Message)> errors = exception switch
        {
            ValidationException validation => validation.Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            InputException input => input.Errors.SelectMany(e => e.Value.Select(m => (e.Key, m))),
            ConflictException conflict => [("", conflict.Message)],
            Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => [("", "Someone else changed this record since you loaded it. Reload it and apply your change again.")],
            Features.Companies.ImportRejectedException rejected => [("", rejected.Message)],
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
