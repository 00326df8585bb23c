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
    private const string Usage = """
        Usage:
          OneTimeSecret.Web users add <custid> [--plan anonymous|basic]   create an account; prints its API token
          OneTimeSecret.Web users list                                   list the accounts
          OneTimeSecret.Web users token <custid> [--revoke-others]       issue a new API token; prints it
          OneTimeSecret.Web users remove <custid>                        remove an account and its tokens
        """;

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == "users";

    public static async Task<int> RunAsync(
        string[] args,
        TextWriter? output = null,
        TextWriter? errors = null,
        IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        output ??= Console.Out;
        errors ??= Console.Error;

        using var host = await CommandLineHost.TryStartAsync(errors, settings);
        if (host is null)
        {
            return 1;
        }

        await using var scope = host.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        try
        {
            return await DispatchAsync(args.Skip(1).ToArray(), sender, output, errors);
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

    private static async Task<int> DispatchAsync(string[] args, ISender sender, TextWriter output, TextWriter errors)
    {
        switch (args)
        {
            case ["add", var custId, .. var rest] when TryReadPlan(rest, out var plan):
                var added = await sender.Send(new AddCustomerCommand(custId, plan));
                await output.WriteLineAsync($"Created account {added.CustId} (plan {plan}). API token:");
                await output.WriteLineAsync(added.ApiToken);
                return 0;
            case ["list"]:
                var customers = await sender.Send(new ListCustomersQuery());
                await WriteCustomersAsync(customers, output);
                return 0;
            case ["token", var custId, .. var rest] when rest is [] or ["--revoke-others"]:
                var issued = await sender.Send(new IssueApiTokenCommand(custId, RevokeOthers: rest.Length == 1));
                await output.WriteLineAsync($"New API token for {issued.CustId}:");
                await output.WriteLineAsync(issued.ApiToken);
                return 0;
            case ["remove", var custId]:
                if (await sender.Send(new RemoveCustomerCommand(custId)))
                {
                    await output.WriteLineAsync($"Removed account {Customer.NormalizeCustId(custId)}.");
                    return 0;
                }

                await errors.WriteLineAsync($"No account '{Customer.NormalizeCustId(custId)}'.");
                return 1;
            default:
                await errors.WriteLineAsync(Usage);
                return 2;
        }
    }

    private static bool TryReadPlan(string[] rest, out string plan)
    {
        plan = PlanIds.Basic;
        switch (rest)
        {
            case []:
                return true;
            case ["--plan", var value]:
                plan = value;
                return true;
            default:
                return false;
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
