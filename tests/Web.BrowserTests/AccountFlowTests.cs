using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace OneTimeSecret.Web.BrowserTests;

/// <summary>Sign up in the browser, create an API token, and use it with the API.</summary>
public sealed class AccountFlowTests : BrowserTestBase
{
    [Test]
    public async Task ShouldSignUpCreateATokenAndUseItWithTheApi()
    {
        var custId = $"browser{Guid.NewGuid():N}"[..16] + "@example.org";
        const string password = "a long browser password";
        var page = await NewPersonAsync();

        await page.GotoAsync("/signup");
        await ScreenshotAsync(page, "12-signup");
        await page.GetByLabel("Email address or user name").FillAsync(custId);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Password again").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync("**/account");
        await Assertions.Expect(page.GetByText(custId)).ToBeVisibleAsync();

        await page.Locator("#token-password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create an API token" }).ClickAsync();
        var token = await page.Locator("#new-token").InputValueAsync();
        Assert.That(token, Does.Match("^[0-9a-z]{40}$"));
        await ScreenshotAsync(page, "13-account-token");

        using var api = new HttpClient { BaseAddress = App.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{custId}:{token}")));
        var authcheck = await api.GetAsync("/api/v1/authcheck");
        Assert.That(authcheck.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var share = await api.PostAsync("/api/v1/share", new FormUrlEncodedContent([new("secret", "shared by the API"), new("ttl", "3600")]));
        var shared = JsonNode.Parse(await share.Content.ReadAsStringAsync())!;
        Assert.That(shared["custid"]!.GetValue<string>(), Is.EqualTo(custId));

        // The secret shared through the API is in the account's list, next to the token.
        await page.GotoAsync("/account");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Details" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByText("Active")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "14-account");

        // Revoking the token in the browser locks the API out.
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The API token was revoked.")).ToBeVisibleAsync();
        Assert.That((await api.GetAsync("/api/v1/authcheck")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email address or user name").FillAsync(custId);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/account");
    }
}
