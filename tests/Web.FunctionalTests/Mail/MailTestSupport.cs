using System.Net;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.Customers.Commands.IssueApiToken;
using OneTimeSecret.Application.Notifications.Commands.DeliverNotifications;
using OneTimeSecret.Application.Secrets.Commands.PurgeExpired;

namespace OneTimeSecret.Web.FunctionalTests.Mail;

/// <summary>What the mail tests do again and again: run the outbox and the purge as their jobs would, issue tokens.</summary>
internal static partial class MailTestSupport
{
    public static async Task<DeliveryReport> DeliverAsync(this OneTimeSecretApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DeliverNotificationsCommand());
    }

    public static async Task<PurgeReport> PurgeAsync(this OneTimeSecretApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new PurgeExpiredCommand());
    }

    /// <summary>An API token for an account made on the sign-up page (the test's shortcut past the account page).</summary>
    public static async Task<HttpClient> ApiClientForAsync(this OneTimeSecretApp app, string custId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new IssueApiTokenCommand(custId));
        LogCapture.AddSensitive(issued.ApiToken);
        return app.CreateClient(issued.CustId, issued.ApiToken);
    }

    /// <summary>An account the operator made on the command line, with a password to sign in with.</summary>
    public static async Task<IssuedApiToken> AddAccountWithPasswordAsync(this OneTimeSecretApp app, string custId, string password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var issued = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new AddCustomerCommand(custId, "basic", password));
        LogCapture.AddSensitive(issued.ApiToken);
        return issued;
    }

    public static string VerificationLink(string? body)
    {
        var match = VerifyLink().Match(body ?? string.Empty);
        Assert.That(match.Success, Is.True, "the email carries a verification link");
        return match.Value;
    }

    public static void ExpectStatus(this HttpResponseMessage response, HttpStatusCode status) =>
        Assert.That(response.StatusCode, Is.EqualTo(status));

    [GeneratedRegex(@"https?://[^\s""<>]+/verify/[0-9a-z]+")]
    private static partial Regex VerifyLink();
}
