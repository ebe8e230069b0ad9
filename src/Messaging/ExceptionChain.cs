using MassTransit;

namespace Commerce.Messaging;

/// <summary>
/// How a failure reaches a retry filter: a saga activity's exception comes wrapped in a
/// <see cref="SagaStateMachineException"/> once per behaviour it passed. The error classifiers
/// (<see cref="BrokerErrors"/>, <see cref="PostgresErrors"/>) judge the exception inside.
/// </summary>
internal static class ExceptionChain
{
    /// <summary>The exception without the <see cref="SagaStateMachineException"/>s around it.</summary>
    public static Exception Unwrap(Exception exception)
    {
        while (exception is SagaStateMachineException { InnerException: { } inner })
        {
            exception = inner;
        }

        return exception;
    }
}
