using Microsoft.AspNetCore.Identity;

namespace CanadaKoreaMatch.Web.Domain;

public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public string? Organisation { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>en, fr or ko: the language of the messages the person receives.</summary>
    public string Language { get; set; } = "en";

    /// <summary>Follow-up kinds (<see cref="FollowUpKind"/> names) the person has turned off.</summary>
    public List<string> MutedFollowUps { get; set; } = [];
}
