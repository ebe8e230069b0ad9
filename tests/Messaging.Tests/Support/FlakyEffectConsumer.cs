using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Tests.Support;

/// <summary>Like <see cref="RecordEffectConsumer"/>, but fails every time while <see cref="Broken"/> is set.</summary>
public sealed class FlakyEffectConsumer(TestDbContext db) : IConsumer<FlakyEffect>
{
    /// <summary>Set by the dead-letter specs to send messages to <c>flaky-effect_error</c>; cleared to "fix" it.</summary>
    private static volatile bool _broken;

    public static bool Broken
    {
        get => _broken;
        set => _broken = value;
    }

    public async Task Consume(ConsumeContext<FlakyEffect> context)
    {
        if (Broken)
        {
            throw new FlakyEffectException($"refused {context.Message.Key}");
        }

        var key = context.Message.Key;
        var effect = await db.Effects.SingleOrDefaultAsync(e => e.Key == key, context.CancellationToken);
        if (effect is null)
        {
            db.Effects.Add(new Effect { Key = key, Count = 1 });
        }
        else
        {
            effect.Count++;
        }

        await db.SaveChangesAsync(context.CancellationToken);
    }
}

public sealed class FlakyEffectException(string message) : Exception(message);

/// <summary>Two immediate retries, then <c>_error</c>: the fault headers then carry a retry count.</summary>
public sealed class FlakyEffectConsumerDefinition : ConsumerDefinition<FlakyEffectConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<FlakyEffectConsumer> consumerConfigurator, IRegistrationContext context) =>
        endpointConfigurator.UseMessageRetry(r => r.Immediate(2));
}
