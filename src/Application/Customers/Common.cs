using FluentValidation;
using Microsoft.EntityFrameworkCore;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Domain.Customers;
using Riok.Mapperly.Abstractions;

namespace OneTimeSecret.Application.Customers;

/// <summary>An account as the API's authcheck and the command line show it.</summary>
public sealed record CustomerDto
{
    public required string CustId { get; init; }

    public required string PlanId { get; init; }

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset Updated { get; init; }

    public long SecretsCreated { get; init; }

    public long SecretsBurned { get; init; }

    public long EmailsSent { get; init; }

    public int ActiveApiTokens { get; init; }

    /// <summary>Whether the account may have this server email recipients (its address confirmed, or made by the operator).</summary>
    public bool IsEmailVerified { get; init; }
}

/// <summary>A freshly issued API token, shown this once.</summary>
public sealed record IssuedApiToken(string CustId, string ApiToken);

[Mapper(RequiredMappingStrategy = RequiredMappingStrategy.Target)]
public static partial class CustomerMapper
{
    public static CustomerDto ToCustomerDto(this Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return Map(customer) with { ActiveApiTokens = customer.ApiTokens.Count(t => t.IsActive) };
    }

    [MapProperty(nameof(Customer.CreatedAt), nameof(CustomerDto.Created))]
    [MapProperty(nameof(Customer.UpdatedAt), nameof(CustomerDto.Updated))]
    [MapperIgnoreTarget(nameof(CustomerDto.ActiveApiTokens))]
    private static partial CustomerDto Map(Customer customer);
}

/// <summary>Loads the account behind an authenticated requester, with its tokens; "not authorized" otherwise.</summary>
internal static class AuthenticatedCustomer
{
    public static async Task<Customer> LoadAsync(IApplicationDbContext db, Requester requester, CancellationToken cancellationToken)
    {
        if (requester.CustomerId is not { } customerId)
        {
            throw new NotAuthorizedException();
        }

        return await db.Customers
            .AsNoTracking()
            .Include(c => c.ApiTokens)
            .SingleOrDefaultAsync(c => c.Id == customerId, cancellationToken)
            ?? throw new NotAuthorizedException();
    }
}

internal static class CustomerRules
{
    /// <summary>
    /// A custid is an email address or a user name: printable, no spaces, and no colon, because HTTP basic auth
    /// splits <c>custid:apitoken</c> on the first colon.
    /// </summary>
    public static IRuleBuilderOptions<T, string> ValidCustId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("custid is required")
            .MaximumLength(Customer.MaxCustIdLength).WithMessage($"custid must be at most {Customer.MaxCustIdLength} characters")
            .Must(id => id is null || id.All(c => c > ' ' && c < 127 && c != ':'))
            .WithMessage("custid may contain only printable ASCII characters without spaces or ':'")
            .Must(id => id is null || Customer.NormalizeCustId(id) != Customer.AnonymousCustId)
            .WithMessage($"custid '{Customer.AnonymousCustId}' is reserved");

    /// <summary>An account password: long enough to resist guessing, at most 1,024 characters, valid text.</summary>
    public static IRuleBuilderOptions<T, string> ValidPassword<T>(this IRuleBuilder<T, string> rule, int minimumLength) =>
        rule.NotEmpty().WithMessage("Password is required")
            .MinimumLength(minimumLength).WithMessage($"Password must be at least {minimumLength} characters long")
            .MaximumLength(1_024).WithMessage("Password must be at most 1024 characters long")
            .Must(p => p is null || !p.Contains('\0', StringComparison.Ordinal))
            .WithMessage("Password must not contain NUL characters");

    public static IRuleBuilderOptions<T, string> KnownPlan<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(plan => PlanIds.All.Contains(plan))
            .WithMessage($"plan must be one of: {string.Join(", ", PlanIds.All)}");
}
