using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Customers.Commands.SendVerificationEmail;
using OneTimeSecret.Domain.Customers;

namespace OneTimeSecret.Application.Customers.Commands.SignUp;

/// <summary>
/// Someone makes an account in the browser: custid and a password (kept only as a bcrypt hash), on the sign-up
/// plan, without an API token (the account page issues those). Refused while <c>Accounts:AllowSignUp</c> is off.
/// The account starts unverified: when its name is an email address, a link to confirm it is queued in the same
/// transaction, and until it is followed the account may not have this server email anyone.
/// </summary>
/// <param name="VerifyUrlBase">The public base URL of the verification link (the Application has no request).</param>
public sealed record SignUpCommand(string CustId, string Password, string VerifyUrlBase = "") : ICommand<Requester>;

public sealed class SignUpCommandHandler(
    IApplicationDbContext db,
    IPassphraseHasher passwordHasher,
    VerificationEmails verificationEmails,
    TimeProvider clock,
    IOptions<AccountOptions> options) : ICommandHandler<SignUpCommand, Requester>
{
    public const string AlreadyExists = "An account with that name already exists";

    public async ValueTask<Requester> Handle(SignUpCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!options.Value.AllowSignUp)
        {
            throw new ForbiddenException("Sign-up is closed on this server");
        }

        var custId = Customer.NormalizeCustId(command.CustId);
        if (await db.Customers.AnyAsync(c => c.CustId == custId, cancellationToken))
        {
            throw new ConflictException(AlreadyExists);
        }

        var customer = Customer.Create(
            custId, options.Value.SignUpPlan, passwordHasher.Hash(command.Password), clock.GetUtcNow(), emailVerified: false);
        db.Customers.Add(customer);
        if (!string.IsNullOrWhiteSpace(command.VerifyUrlBase))
        {
            try
            {
                await verificationEmails.QueueAsync(customer, command.VerifyUrlBase, cancellationToken);
            }
            catch (EmailQuotaExceededException)
            {
                // The address had enough emails today; the account page offers to send the link again later.
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // Two sign-ups for one name at the same moment: the unique index lets one win.
            throw new ConflictException(AlreadyExists, exception);
        }

        return new Requester(customer.CustId, customer.Id, customer.PlanId);
    }
}

public sealed class SignUpCommandValidator : AbstractValidator<SignUpCommand>
{
    public SignUpCommandValidator(IOptions<AccountOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RuleFor(c => c.CustId).ValidCustId();
        RuleFor(c => c.Password).ValidPassword(options.Value.MinPasswordLength);
    }
}
