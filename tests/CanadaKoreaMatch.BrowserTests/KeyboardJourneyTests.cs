using Microsoft.Playwright;

namespace CanadaKoreaMatch.BrowserTests;

/// <summary>The main journeys with the keyboard alone (Tab, Enter, Space), and form errors that assistive technology can find.</summary>
[Collection(BrowserGroup.Name)]
public sealed class KeyboardJourneyTests(BrowserFixture fixture)
{
    private const string Representative = "rep.gastops@ckm.demo";

    [Fact]
    public async Task A_representative_skips_to_the_content_signs_in_opens_suggestions_and_requests_an_introduction_with_the_keyboard_only()
    {
        await fixture.RecomputeSuggestionsAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        // The skip link is the first stop, visible once focused, and takes focus to the main content.
        await page.Keyboard.PressAsync("Tab");
        (await FocusedAsync(page)).ShouldBe("a[skip-link]: Skip to main content");
        (await page.Locator("[data-testid=skip-link]").BoundingBoxAsync())!.Y.ShouldBeGreaterThanOrEqualTo(0);
        (await FocusOutlineAsync(page)).ShouldNotBe("none");
        await page.Keyboard.PressAsync("Enter");
        (await page.EvaluateAsync<string>("document.activeElement.id")).ShouldBe("main");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<bool>("document.querySelector('main').contains(document.activeElement)")).ShouldBeTrue();

        // Sign in: the header's links come in reading order, then the form's fields.
        await page.GotoAsync("/");
        var header = await TabToAsync(page, "a: Sign in");
        header.ShouldStartWith("a[skip-link]: Skip to main content", Case.Sensitive);
        header.IndexOf("a: Firms", StringComparison.Ordinal).ShouldBeLessThan(header.IndexOf("a: Sign in", StringComparison.Ordinal));
        await FollowAsync(page, "Enter", "/Account/Login");
        await TabToAsync(page, "input[Email]");
        await page.Keyboard.TypeAsync(Representative);
        await page.Keyboard.PressAsync("Tab");
        (await FocusedAsync(page)).ShouldBe("input[Password]");
        await page.Keyboard.TypeAsync(AccessibilityTests.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await BrowserFixture.WaitForUrlAsync(page, url => !url.Contains("/Account/Login", StringComparison.Ordinal));

        // Open the firm's suggestions through the menu.
        await TabToAsync(page, "a: My firm");
        await FollowAsync(page, "Enter", "/Companies/Mine");
        await TabToAsync(page, "a: Gastops");
        await FollowAsync(page, "Enter", "/Companies/Details");
        await TabToAsync(page, "a[suggestions]: Suggested partners");
        await FollowAsync(page, "Enter", "/Companies/Suggestions");

        // Request an introduction to the first suggestion that has none yet: message, then the button, pressed with Space.
        var card = page.Locator("[data-testid=suggestion]").Filter(new() { Has = page.Locator("[data-testid=request-introduction]") }).First;
        var counterpart = await card.GetAttributeAsync("data-company");
        var path = await TabToAsync(page, "input[message]");
        path.ShouldContain("select[domain]");
        (await page.EvaluateAsync<string>("document.activeElement.closest('[data-testid=suggestion]').dataset.company")).ShouldBe(counterpart);
        (await FocusOutlineAsync(page)).ShouldNotBe("none");
        await page.Keyboard.TypeAsync("We would like to meet at CANSEC.");
        await page.Keyboard.PressAsync("Tab");
        (await FocusedAsync(page)).ShouldBe("button[request-introduction]: Request introduction");
        await page.Keyboard.PressAsync("Space");
        await BrowserFixture.WaitForLoadAsync(page);

        var requested = page.Locator($"[data-testid=suggestion][data-company='{counterpart}'] [data-testid=match-status]");
        await requested.WaitForAsync();
        (await requested.TextContentAsync()).ShouldBe("Requested");
        await BrowserFixture.ScreenshotAsync(page, "keyboard-introduction-requested");
    }

    [Fact]
    public async Task Sign_up_errors_are_announced_and_tied_to_their_fields()
    {
        var page = await fixture.NewPageAsync("fr-CA");
        await page.GotoAsync("/Account/Register?culture=fr");
        (await page.Locator("[role=alert]").CountAsync()).ShouldBe(0);
        await page.FillAsync("#Input_Email", "pas une adresse");
        await page.ClickAsync("main form button[type=submit]");

        var summary = page.Locator("main [role=alert]");
        await summary.WaitForAsync();
        (await summary.CountAsync()).ShouldBe(1);
        (await summary.TextContentAsync())!.Trim().ShouldNotBeEmpty();
        foreach (var field in new[] { "Input_DisplayName", "Input_Email", "Input_Password" })
        {
            var input = page.Locator("#" + field);
            (await input.GetAttributeAsync("aria-invalid")).ShouldBe("true", field);
            var described = await input.GetAttributeAsync("aria-describedby");
            described.ShouldBe(field + "-error");
            var message = (await page.Locator("#" + described).TextContentAsync())!.Trim();
            message.ShouldNotBeEmpty(field);
            (await page.Locator($"#{field}-error.field-validation-error").IsVisibleAsync()).ShouldBeTrue(field);
        }

        (await page.InputValueAsync("#Input_Email")).ShouldBe("pas une adresse");
        await BrowserFixture.ScreenshotAsync(page, "sign-up-errors-fr");
        (await AccessibilityTests.AxeFailuresAsync(page, "/Account/Register (errors)")).ShouldBeEmpty();
    }

    /// <summary>Presses Tab until the focused element reads <paramref name="target"/>; returns every stop on the way, one per line.</summary>
    private static async Task<string> TabToAsync(IPage page, string target, int maxPresses = 60)
    {
        var stops = new List<string>();
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await FocusedAsync(page);
            stops.Add(focused);
            if (focused == target)
            {
                return string.Join('\n', stops);
            }
        }

        await BrowserFixture.ScreenshotAsync(page, "keyboard-lost");
        throw new ShouldAssertException($"'{target}' not reached with {maxPresses} Tab presses on {page.Url}; focus went:\n{string.Join('\n', stops)}");
    }

    /// <summary>
    /// Presses <paramref name="key"/> on the focused link and waits until the page is at a URL containing
    /// <paramref name="path"/> and has loaded; on a timeout, says where the page and the focus were.
    /// </summary>
    private static async Task FollowAsync(IPage page, string key, string path)
    {
        var focused = await FocusedAsync(page);
        var href = await page.EvaluateAsync<string?>("document.activeElement.getAttribute('href')");
        await page.Keyboard.PressAsync(key);
        try
        {
            await BrowserFixture.WaitForUrlAsync(page, url => url.Contains(path, StringComparison.Ordinal));
        }
        catch (TimeoutException)
        {
            throw new ShouldAssertException($"{key} on '{focused}' (href {href}) did not lead to {path}; the page is at {page.Url}, focus on '{await FocusedAsync(page)}'");
        }
    }

    /// <summary>The focused element as "tag[test id or name]: text".</summary>
    private static Task<string> FocusedAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return 'body';
          const key = e.dataset.testid || e.getAttribute('name') || '';
          const text = (e.innerText || '').trim().replace(/\s+/g, ' ');
          return e.tagName.toLowerCase() + (key ? '[' + key + ']' : '') + (text && !['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName) ? ': ' + text : '');
        }
        """);

    private static Task<string> FocusOutlineAsync(IPage page) =>
        page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle");
}
