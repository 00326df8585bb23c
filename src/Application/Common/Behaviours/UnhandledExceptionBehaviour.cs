using Mediator;
using Microsoft.Extensions.Logging;

namespace OneTimeSecret.Application.Common.Behaviours;

/// <summary>Logs the name of a message whose handler threw something unexpected; never the message itself.</summary>
public sealed class UnhandledExceptionBehaviour<TMessage, TResponse>(ILogger<UnhandledExceptionBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception exception) when (!ExpectedExceptions.IsExpected(exception))
        {
            logger.LogError(exception, "Unhandled exception for {MessageName}", typeof(TMessage).Name);
            throw;
        }
    }
}
