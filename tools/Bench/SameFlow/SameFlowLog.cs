using Microsoft.Extensions.Logging;

namespace Commerce.Bench.SameFlow;

/// <summary>What the same-flow host's timers log when a send fails: they have no caller to throw to.</summary>
internal static partial class SameFlowLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "a timer's {MessageType} could not be sent")]
    public static partial void TimerSendFailed(this ILogger logger, Exception exception, string messageType);
}
