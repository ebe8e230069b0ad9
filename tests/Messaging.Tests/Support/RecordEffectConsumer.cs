using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Tests.Support;

/// <summary>Counts an effect in the consumer's transaction: the count shows how often it really ran.</summary>
public sealed class RecordEffectConsumer(TestDbContext db) : IConsumer<RecordEffect>, IConsumer<SagaCompleted>
{
    public Task Consume(ConsumeContext<RecordEffect> context) => Count(context.Message.Key, context.CancellationToken);

    public Task Consume(ConsumeContext<SagaCompleted> context) => Count($"completed:{context.Message.CorrelationId}", context.CancellationToken);

    private async Task Count(string key, CancellationToken cancellationToken)
    {
        var effect = await db.Effects.SingleOrDefaultAsync(e => e.Key == key, cancellationToken);
        if (effect is null)
        {
            db.Effects.Add(new Effect { Key = key, Count = 1 });
        }
        else
        {
            effect.Count++;
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
