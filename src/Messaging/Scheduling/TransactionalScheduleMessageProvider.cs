using Commerce.Messaging.Storage;
using MassTransit;
using MassTransit.Context;
using MassTransit.Scheduling;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Messaging.Scheduling;

/// <summary>
/// The scheduler a consumer (a saga's <c>Schedule()</c> and <c>Unschedule()</c>) sees behind the
/// outbox: a schedule is a <see cref="ScheduledDelivery"/> row added to the consume's own
/// transaction and a cancel deletes that row in it, so both commit with the state change or not at
/// all, and neither costs a message to the <c>scheduler</c> queue and a transaction of its own.
/// <see cref="ScheduledMessageDispatcher{TDbContext}"/> sends the row when it is due.
/// </summary>
internal sealed class TransactionalScheduleMessageProvider(
    ConsumeContext consumeContext,
    DbContext db,
    Action<StoredMessage> add,
    TimeProvider clock) : IScheduleMessageProvider
{
    public async Task<ScheduledMessage<T>> ScheduleSend<T>(Uri destinationAddress, DateTime scheduledTime, T message, IPipe<SendContext<T>> pipe, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(destinationAddress);
        ArgumentNullException.ThrowIfNull(message);
        var send = new MessageSendContext<T>(message, cancellationToken)
        {
            Serializer = SystemTextJsonMessageSerializer.Instance,
            DestinationAddress = destinationAddress,
            SourceAddress = consumeContext.ReceiveContext.InputAddress,
            ConversationId = consumeContext.ConversationId,
            InitiatorId = consumeContext.MessageId,
        };
        if (pipe.IsNotEmpty())
        {
            await pipe.Send(send);
        }

        var tokenId = ScheduleTokenIdCache<T>.GetTokenId(message, send.ScheduledMessageId ?? NewId.NextGuid());
        var now = clock.GetUtcNow().UtcDateTime;
        var row = MessageSerialization.Capture(send, new ScheduledDelivery { TokenId = tokenId, Created = now }, now);
        row.DeliverAt = scheduledTime.ToUniversalTime();
        add(row);
        return new ScheduledMessageHandle<T>(tokenId, scheduledTime, destinationAddress, message);
    }

    public Task CancelScheduledSend(Guid tokenId, CancellationToken cancellationToken) =>
        db.Set<ScheduledDelivery>().Where(s => s.TokenId == tokenId).ExecuteDeleteAsync(cancellationToken);

    public Task CancelScheduledSend(Uri destinationAddress, Guid tokenId, CancellationToken cancellationToken) =>
        CancelScheduledSend(tokenId, cancellationToken);
}
