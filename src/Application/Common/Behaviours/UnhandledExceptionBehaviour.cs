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
        catch (Exception exception) when (IsDatabaseError(exception))
        {
            // The host's exception handler tells an outage (a throttled warning, 503) from a fault (an error with
            // its stack trace, 500); a stack trace here for every request of an outage would flood the log.
            logger.LogDebug("Database error for {MessageName}", typeof(TMessage).Name);
            throw;
        }
        catch (Exception exception) when (!ExpectedExceptions.IsExpected(exception))
        {
            logger.LogError(exception, "Unhandled exception for {MessageName}", typeof(TMessage).Name);
            throw;
        }
    }

    private static bool IsDatabaseError(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is System.Data.Common.DbException or Microsoft.EntityFrameworkCore.DbUpdateException)
            {
                return true;
            }
        }

        return false;
    }
}
