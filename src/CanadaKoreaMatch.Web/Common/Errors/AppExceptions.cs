namespace CanadaKoreaMatch.Web.Common.Errors;

public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

public sealed class ForbiddenException(string reason) : Exception(reason);

/// <summary>A command refused by the state of things; its message is the refusal's English text, pages translate the refusal.</summary>
public sealed class ConflictException(Refusal refusal) : Exception(refusal.ToString())
{
    public ConflictException(string template, params object?[] arguments)
        : this(new Refusal(template, arguments))
    {
    }

    public Refusal Refusal { get; } = refusal;
}

public sealed class UnauthenticatedException() : Exception("Sign in to do this.");

/// <summary>Errors attached to named fields; for imports the field is "line N, column".</summary>
public sealed class InputException(string title, IReadOnlyDictionary<string, Refusal[]> refusals) : Exception(title)
{
    public InputException(string title, IReadOnlyDictionary<string, string[]> errors)
        : this(title, errors.ToDictionary(e => e.Key, e => e.Value.Select(m => new Refusal(m)).ToArray()))
    {
    }

    /// <summary>Each field's messages in English, as the API answers them.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = refusals.ToDictionary(e => e.Key, e => e.Value.Select(r => r.ToString()).ToArray());

    public IReadOnlyDictionary<string, Refusal[]> Refusals { get; } = refusals;

    public static InputException For(string field, string template, params object?[] arguments) =>
        new("The input is not valid.", new Dictionary<string, Refusal[]> { [field] = [new Refusal(template, arguments)] });
}
