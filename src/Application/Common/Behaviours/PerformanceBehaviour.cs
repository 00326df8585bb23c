using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace OneTimeSecret.Application.Common.Behaviours;

/// <summary>Logs the name of each message and how long it took, at debug level; never its payload.</summary>
public sealed class PerformanceBehaviour<TMessage, TResponse>(ILogger<PerformanceBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly TimeSpan SlowThreshold = TimeSpan.FromMilliseconds(500);

    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed > SlowThreshold)
            {
                logger.LogWarning("Slow {MessageName}: {ElapsedMilliseconds} ms", typeof(TMessage).Name, (long)elapsed.TotalMilliseconds);
            }
            else if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("{MessageName} took {ElapsedMilliseconds} ms", typeof(TMessage).Name, (long)elapsed.TotalMilliseconds);
            }
        }
    }
}
