using Mediator;
using Microsoft.Extensions.DependencyInjection;
using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;

namespace OneTimeSecret.Web.FunctionalTests;

public static class AccountHelper
{
    /// <summary>Creates an account through the app's own command and returns its first API token.</summary>
    public static async Task<IssuedApiToken> AddAccountAsync(this OneTimeSecretApp app, string custId, string plan = "basic")
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var issued = await sender.Send(new AddCustomerCommand(custId, plan));
        LogCapture.AddSensitive(issued.ApiToken);
        return issued;
    }
}
