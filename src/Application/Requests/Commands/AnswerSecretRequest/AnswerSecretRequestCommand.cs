using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Interfaces;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;
using OneTimeSecret.Application.Common.Telemetry;
using OneTimeSecret.Application.Requests.Common;
using OneTimeSecret.Application.Secrets.Common;
using OneTimeSecret.Domain.Requests;

namespace OneTimeSecret.Application.Requests.Commands.AnswerSecretRequest;

/// <summary>
/// Anyone with the request key sends the secret: it is stored as a secret of the requester, under the requester's
/// plan, and the request closes. Exactly one answer succeeds; every other one, and every later one, is answered like
/// an unknown request. The sender gets nothing back that leads to the secret.
/// </summary>
public sealed record AnswerSecretRequestCommand(string RequestKey, string? Secret, string? Passphrase) : ICommand;

public sealed class AnswerSecretRequestCommandHandler(
    IApplicationDbContext db,
    SecretRequestReader reader,
    SecretCreator creator,
    ISecretRequestAnswers answers,
    TimeProvider clock) : ICommandHandler<AnswerSecretRequestCommand>
{
    public async ValueTask<Unit> Handle(AnswerSecretRequestCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = clock.GetUtcNow();
        var request = await reader.FindAsync(command.RequestKey, cancellationToken);
        if (request is null || !request.IsAnswerableAt(now))
        {
            throw new RequestNotFoundException();
        }

        var owner = await db.Customers
            .AsNoTracking()
            .Where(c => c.Id == request.CustomerId)
            .Select(c => new { c.CustId, c.PlanId })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new RequestNotFoundException();
        var requester = new Requester(owner.CustId, request.CustomerId, owner.PlanId);
        var prepared = creator.Prepare(requester, command.Secret!, command.Passphrase, request.SecretTtlSeconds, [], shareDomain: null, now);
        if (!await answers.TryAnswerAsync(request.Id, prepared.Secret, now, cancellationToken))
        {
            throw new RequestNotFoundException();
        }

        SecretMetrics.SecretCreated(requester.PlanId, SecretCreationKind.Request);
        return Unit.Value;
    }
}

public sealed class AnswerSecretRequestCommandValidator : AbstractValidator<AnswerSecretRequestCommand>
{
    public AnswerSecretRequestCommandValidator(IOptions<SecretOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RuleFor(c => c.Secret)
            .Must(s => !string.IsNullOrWhiteSpace(s))
            .WithMessage(SecretInputRules.NothingToShare)
            .DependentRules(() =>
            {
                RuleFor(c => c.Secret)
                    .Must(s => !SecretInputRules.ContainsNul(s!))
                    .WithMessage("Secret must not contain NUL characters")
                    .Must(s => SecretInputRules.IsWellFormedText(s!))
                    .WithMessage("Secret is not valid text");
            });
        RuleFor(c => c.Passphrase).ValidPassphrase(options.Value.MaxPassphraseLength);
    }
}
