using Commerce.Messaging.Storage;
using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Scheduling;

/// <summary>
/// The receiving end of MassTransit's message scheduler (saga <c>Schedule()</c>, scheduled
/// redelivery): stores each request as a row until it is due. Keyed by the scheduling token, so a
/// repeated request overwrites its own row instead of adding one (no inbox needed, or wanted).
/// </summary>
public sealed class ScheduleMessageConsumer<TDbContext>(TDbContext db, TimeProvider clock) :
    IConsumer<ScheduleMessage>,
    IConsumer<CancelScheduledMessage>
    where TDbContext : DbContext
{
    /// <summary>The queue that <c>AddMessageScheduler</c> points MassTransit at.</summary>
    public const string QueueName = "scheduler";

    public async Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Message;
        var body = context.SerializerContext.GetMessageSerializer(request.Payload, request.PayloadType)
            .GetMessageBody(new MessageSendContext<ScheduleMessage>(request));
        var now = clock.GetUtcNow().UtcDateTime;

        var row = await db.Set<ScheduledDelivery>().FindAsync([request.CorrelationId], context.CancellationToken);
        if (row is null)
        {
            row = new ScheduledDelivery { TokenId = request.CorrelationId, Created = now };
            db.Add(row);
        }

        row.DeliverAt = request.ScheduledTime.ToUniversalTime();
        row.DestinationAddress = request.Destination;
        row.Body = body.GetString();
        row.ContentType = context.ReceiveContext.ContentType?.ToString() ?? SystemTextJsonMessageSerializer.JsonContentType.ToString();
        row.MessageType = string.Join(';', request.PayloadType);
        // The request's own id becomes the delivered message's id: a redelivered request (same id)
        // yields the same message, which the receiving inbox then drops.
        row.MessageId = context.MessageId ?? NewId.NextGuid();
        row.CorrelationId = context.CorrelationId;
        row.ConversationId = context.ConversationId;
        row.InitiatorId = context.InitiatorId;
        row.RequestId = context.RequestId;
        row.SourceAddress = context.SourceAddress;
        row.ResponseAddress = context.ResponseAddress;
        row.FaultAddress = context.FaultAddress;
        row.ExpirationTime = context.ExpirationTime;
        row.SentTime = now;
        // All headers: redelivery requests carry MT-OriginalMessageId and MT-Redelivery-Count.
        row.Headers = SystemTextJsonMessageSerializer.Instance.SerializeDictionary(context.Headers.GetAll());
        row.DeliveryAttempts = 0;
        await db.SaveChangesAsync(context.CancellationToken);
    }

    public Task Consume(ConsumeContext<CancelScheduledMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tokenId = context.Message.TokenId;
        return db.Set<ScheduledDelivery>().Where(s => s.TokenId == tokenId).ExecuteDeleteAsync(context.CancellationToken);
    }
}
