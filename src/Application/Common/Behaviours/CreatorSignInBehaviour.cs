using Mediator;
using Microsoft.Extensions.Options;
using OneTimeSecret.Application.Common.Exceptions;
using OneTimeSecret.Application.Common.Models;
using OneTimeSecret.Application.Common.Options;

namespace OneTimeSecret.Application.Common.Behaviours;

/// <summary>
/// With <c>Secrets:CreatorsMustSignIn</c>, an anonymous requester of any <see cref="ICreatorCommand"/> is refused
/// before validation, so every way in (API, pages, command line) obeys the one rule.
/// </summary>
public sealed class CreatorSignInBehaviour<TMessage, TResponse>(IOptions<SecretOptions> options)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (message is ICreatorCommand creator && CreatorSignIn.Refuses(creator.Requester, options.Value))
        {
            throw new NotAuthorizedException();
        }

        return next(message, cancellationToken);
    }
}

/// <summary>The rule of <c>Secrets:CreatorsMustSignIn</c>, for the behaviour and for pages that ask beforehand.</summary>
public static class CreatorSignIn
{
    public static bool Refuses(Requester requester, SecretOptions options)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(options);
        return options.CreatorsMustSignIn && requester.IsAnonymous;
    }
}
