using System.Diagnostics;
using MassTransit;

namespace Commerce.Messaging.Saga;

/// <summary>
/// Times every message a saga consumes and counts the failures (<see cref="MessagingMetrics.RecordSagaStep"/>).
/// Connect it to the saga's configurator, e.g. in its <c>SagaDefinition</c>. It adds two filters for
/// each message type: one before the saga repository, which measures the whole step (loading and
/// locking the instance, the state machine, saving) and sees a failure in any of them; one after
/// the repository, which notes the state the instance was in. Behind the inbox (the outbox's filter
/// comes first), so a duplicate the inbox drops is not a step. Each attempt counts: a transient
/// failure retried later is one failure and, on success, one more step.
/// </summary>
public sealed class SagaStepMetricsObserver<TInstance>(MessagingMetrics metrics, Func<TInstance, string?> currentState) : ISagaConfigurationObserver
    where TInstance : class, ISaga
{
    /// <summary>The state tag when no instance was loaded (an event for a saga that does not exist).</summary>
    public const string NoInstance = "none";

    /// <summary>The state tag of an instance created by this message, before its first transition.</summary>
    public const string NewInstance = "Initial";

    public void SagaConfigured<TSaga>(ISagaConfigurator<TSaga> configurator)
        where TSaga : class, ISaga
    {
    }

    public void StateMachineSagaConfigured<TSaga>(ISagaConfigurator<TSaga> configurator, SagaStateMachine<TSaga> stateMachine)
        where TSaga : class, ISaga, SagaStateMachineInstance
    {
    }

    public void SagaMessageConfigured<TSaga, TMessage>(ISagaMessageConfigurator<TSaga, TMessage> configurator)
        where TSaga : class, ISaga
        where TMessage : class
    {
        if (configurator is not ISagaMessageConfigurator<TInstance, TMessage> saga || configurator is not ISagaMessageConfigurator<TMessage> message)
        {
            return;
        }

        message.UseFilter(new StepFilter<TMessage>(metrics, typeof(TInstance).Name));
        saga.UseFilter(new StateFilter<TMessage>(currentState));
    }

    /// <summary>Carries the state before the step from the inner filter to the outer one (a payload of the consume context).</summary>
    private sealed class Step
    {
        public string State { get; set; } = NoInstance;
    }

    private sealed class StepFilter<TMessage>(MessagingMetrics metrics, string saga) : IFilter<ConsumeContext<TMessage>>
        where TMessage : class
    {
        private static readonly string MessageType = typeof(TMessage).Name;

        public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
        {
            // A fresh record on every attempt: payloads outlive a retry.
            var step = context.AddOrUpdatePayload(() => new Step(), _ => new Step());
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next.Send(context);
            }
            catch (Exception e)
            {
                metrics.RecordSagaStep(saga, MessageType, step.State, Stopwatch.GetElapsedTime(started), e);
                throw;
            }

            metrics.RecordSagaStep(saga, MessageType, step.State, Stopwatch.GetElapsedTime(started), null);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("sagaStepMetrics");
    }

    private sealed class StateFilter<TMessage>(Func<TInstance, string?> currentState) : IFilter<SagaConsumeContext<TInstance, TMessage>>
        where TMessage : class
    {
        public Task Send(SagaConsumeContext<TInstance, TMessage> context, IPipe<SagaConsumeContext<TInstance, TMessage>> next)
        {
            if (context.TryGetPayload<Step>(out var step))
            {
                step.State = currentState(context.Saga) is { Length: > 0 } state ? state : NewInstance;
            }

            return next.Send(context);
        }

        public void Probe(ProbeContext context) => context.CreateFilterScope("sagaStepState");
    }
}
