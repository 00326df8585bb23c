using System.CommandLine;
using Mediator;
using OneTimeSecret.Application.Customers;
using OneTimeSecret.Application.Customers.Commands.AddCustomer;
using OneTimeSecret.Application.Customers.Commands.IssueApiToken;
using OneTimeSecret.Application.Customers.Commands.RemoveCustomer;
using OneTimeSecret.Application.Customers.Queries.ListCustomers;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Web.Cli;

/// <summary>
/// <c>OneTimeSecret.Web users ...</c>: manage accounts on the server itself. Messages go to standard error; a new API
/// token is printed alone on the last line of standard output, so scripts can take it with <c>tail -n 1</c>.
/// </summary>
public static class UsersCommandLine
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "users";

    public static Task<int> RunAsync(
        string[] args,
        TextWriter? output = null,
        TextWriter? errors = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        errors ??= Console.Error;
        return CommandLineParsing.InvokeAsync(Verb(output, errors, settings), args, output, errors);
    }

    private static Command Verb(TextWriter output, TextWriter errors, IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        Task<int> Run(Func<ISender, Task<int>> run) => WithSenderAsync(settings, errors, run);

        var addId = CustIdArgument();
        var plan = new Option<string>("--plan")
        {
            Description = "the account's plan",
            HelpName = string.Join('|', PlanIds.All),
            DefaultValueFactory = _ => PlanIds.Basic,
        };
        var add = new Command("add", "create an account; prints its API token") { addId, plan };
        add.SetAction((parsed, _) => Run(async sender =>
        {
            var planId = parsed.GetValue(plan)!;
            var added = await sender.Send(new AddCustomerCommand(parsed.GetValue(addId)!, planId));
            await output.WriteLineAsync($"Created account {added.CustId} (plan {planId}). API token:");
            await output.WriteLineAsync(added.ApiToken);
            return 0;
        }));

        var list = new Command("list", "list the accounts");
        list.SetAction((_, _) => Run(async sender =>
        {
            await WriteCustomersAsync(await sender.Send(new ListCustomersQuery()), output);
            return 0;
        }));

        var tokenId = CustIdArgument();
        var revokeOthers = new Option<bool>("--revoke-others") { Description = "revoke the account's other API tokens" };
        var token = new Command("token", "issue a new API token; prints it") { tokenId, revokeOthers };
        token.SetAction((parsed, _) => Run(async sender =>
        {
            var issued = await sender.Send(new IssueApiTokenCommand(parsed.GetValue(tokenId)!, RevokeOthers: parsed.GetValue(revokeOthers)));
            await output.WriteLineAsync($"New API token for {issued.CustId}:");
            await output.WriteLineAsync(issued.ApiToken);
            return 0;
        }));

        var removeId = CustIdArgument();
        var remove = new Command("remove", "remove an account and its tokens") { removeId };
        remove.SetAction((parsed, _) => Run(async sender =>
        {
            var given = parsed.GetValue(removeId)!;
            var custId = Customer.NormalizeCustId(given);
            if (await sender.Send(new RemoveCustomerCommand(given)))
            {
                await output.WriteLineAsync($"Removed account {custId}.");
                return 0;
            }

            await errors.WriteLineAsync($"No account '{custId}'.");
            return 1;
        }));

        return new Command("users", "manage accounts: their API tokens are printed alone on the last line of standard output")
        {
            add, list, token, remove,
        };
    }

    private static Argument<string> CustIdArgument() => new("custid") { Description = "the account's id (for example its email address)" };

    private static async Task<int> WithSenderAsync(
        IEnumerable<KeyValuePair<string, string?>>? settings,
        TextWriter errors,
        Func<ISender, Task<int>> run)
    {
        using var host = await CommandLineHost.TryStartAsync(errors, settings);
        if (host is null)
        {
            return 1;
        }

        await using var scope = host.Services.CreateAsyncScope();
        try
        {
            return await run(scope.ServiceProvider.GetRequiredService<ISender>());
        }
        catch (FluentValidation.ValidationException validation)
        {
            await errors.WriteLineAsync(string.Join(Environment.NewLine, validation.Errors.Select(e => e.ErrorMessage)));
            return 1;
        }
        catch (Exception exception) when (exception is Application.Common.Exceptions.ConflictException
                                              or Application.Common.Exceptions.NotAuthorizedException)
        {
            await errors.WriteLineAsync(exception.Message);
            return 1;
        }
    }

    private static async Task WriteCustomersAsync(IReadOnlyList<CustomerDto> customers, TextWriter output)
    {
        await output.WriteLineAsync($"{"CUSTID",-40} {"PLAN",-10} {"TOKENS",6} {"SECRETS",8}  CREATED (UTC)");
        foreach (var customer in customers)
        {
            await output.WriteLineAsync(
                $"{customer.CustId,-40} {customer.PlanId,-10} {customer.ActiveApiTokens,6} {customer.SecretsCreated,8}  {customer.Created:yyyy-MM-dd HH:mm}");
        }
    }
}
