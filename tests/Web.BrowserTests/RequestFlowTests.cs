using Microsoft.Playwright;

namespace OneTimeSecret.Web.BrowserTests;

/// <summary>
/// A request for a secret in two browsers: the requester asks on the account page, someone without an account answers
/// through the link, and the requester reveals the answer once.
/// </summary>
public sealed class RequestFlowTests : BrowserTestBase
{
    [Test]
    public async Task ShouldLetSomeoneWithoutAnAccountAnswer_AndTheRequesterRevealIt()
    {
        var requester = await NewPersonAsync();
        var custId = await SignUpAsync(requester);
        await requester.GetByLabel("Note for the sender").FillAsync("The VPN key for the new laptop");
        await requester.GetByRole(AriaRole.Button, new() { Name = "Request a secret" }).ClickAsync();
        await Assertions.Expect(requester.GetByText("Your request was created")).ToBeVisibleAsync();
        var link = await requester.Locator("input[id^='request-link-']").InputValueAsync();
        Assert.That(link, Does.Match("/request/[0-9a-z]{31}$"));

        var sender = await NewPersonAsync();
        await sender.GotoAsync(link);
        await Assertions.Expect(sender.GetByText(custId).First).ToBeVisibleAsync();
        await Assertions.Expect(sender.GetByText("The VPN key for the new laptop")).ToBeVisibleAsync();
        await sender.GetByLabel("Secret content").FillAsync("vpn-key-0123456789");
        await sender.GetByRole(AriaRole.Button, new() { Name = "Send the secret" }).ClickAsync();
        await sender.WaitForURLAsync("**/request/sent");
        await Assertions.Expect(sender.GetByRole(AriaRole.Heading, new() { Name = "Secret sent" })).ToBeVisibleAsync();
        Assert.That(await sender.ContentAsync(), Does.Not.Contain("vpn-key-0123456789"));

        // Back and reload give the sender nothing: the request's link is closed, the sent page holds nothing.
        await sender.GoBackAsync();
        await Assertions.Expect(sender.GetByRole(AriaRole.Heading, new() { Name = "Unknown request" })).ToBeVisibleAsync();

        await requester.ReloadAsync();
        await Assertions.Expect(requester.Locator(".state-request-answered")).ToHaveTextAsync("Answered");
        await requester.GetByRole(AriaRole.Link, new() { Name = "Details" }).ClickAsync();
        var secretLink = await requester.Locator("#share-link").InputValueAsync();
        await requester.GotoAsync(secretLink);
        await requester.GetByRole(AriaRole.Button, new() { Name = "Click to reveal" }).ClickAsync();
        await Assertions.Expect(requester.Locator("#secret-value")).ToHaveValueAsync("vpn-key-0123456789");
        await ScreenshotAsync(requester, "30-request-revealed");
    }
}
