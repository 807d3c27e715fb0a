namespace CanadaKoreaMatch.Web.Common.Errors;

public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

public sealed class ForbiddenException(string reason) : Exception(reason);

public sealed class ConflictException(string reason) : Exception(reason);

public sealed class UnauthenticatedException() : Exception("Sign in to do this.");

/// <summary>Errors attached to named fields; for imports the field is "line N, column".</summary>
public sealed class InputException(string title, IReadOnlyDictionary<string, string[]> errors) : Exception(title)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static InputException For(string field, string message) =>
        new("The input is not valid.", new Dictionary<string, string[]> { [field] = [message] });
}
