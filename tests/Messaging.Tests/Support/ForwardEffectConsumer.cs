using MassTransit;

namespace Commerce.Messaging.Tests.Support;

/// <summary>
/// A consumer with a local effect and a downstream one: the fault tests kill its process between
/// the commit of the first and the publish of the second.
/// </summary>
public sealed class ForwardEffectConsumer(TestDbContext db) : IConsumer<ForwardEffect>
{
    public async Task Consume(ConsumeContext<ForwardEffect> context)
    {
        db.Effects.Add(new Effect { Key = $"forwarded:{context.Message.Key}", Count = 1 });
        await context.Publish(new RecordEffect(context.Message.Key));
    }
}
