using Microsoft.AspNetCore.Identity;

namespace CanadaKoreaMatch.Web.Domain;

public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public string? Organisation { get; set; }

    public DateTime CreatedAt { get; set; }
}
