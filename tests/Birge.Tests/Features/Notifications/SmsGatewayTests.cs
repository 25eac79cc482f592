using System.Net;
using System.Text;
using Birge.Web.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Birge.Tests.Features.Notifications;

/// <summary>
/// The SMS gateway is given an idempotency key with each send and answers with its id for delivery reports; a 4xx
/// (other than 408 and 429) is a permanent failure, a 5xx or a 429 is tried again.
/// </summary>
public sealed class SmsGatewayTests
{
    [Fact]
    public async Task A_send_carries_the_idempotency_key_and_returns_the_gateways_id()
    {
        var gateway = new FakeGateway(HttpStatusCode.OK, """{"id":"gw-42","status":"accepted"}""");
        var message = Sms("callout:1:2:sms");

        var id = await Sender(gateway).SendAsync(message, CancellationToken.None);

        Assert.Equal("gw-42", id);
        Assert.Equal("callout:1:2:sms", gateway.IdempotencyKey);
        Assert.Contains("77011234567", gateway.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_key_the_message_id_is_the_idempotency_key_and_an_answer_without_id_is_still_sent()
    {
        var gateway = new FakeGateway(HttpStatusCode.Accepted, "ok");
        var message = Sms(null);

        Assert.Null(await Sender(gateway).SendAsync(message, CancellationToken.None));
        Assert.Equal(message.Id.ToString("N"), gateway.IdempotencyKey);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, true)]
    [InlineData(HttpStatusCode.UnprocessableEntity, true)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData(HttpStatusCode.RequestTimeout, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, false)]
    public async Task A_4xx_fails_for_good_and_a_5xx_408_or_429_is_retried(HttpStatusCode status, bool permanent)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => Sender(new FakeGateway(status, "")).SendAsync(Sms(null), CancellationToken.None));
        Assert.Equal(permanent, error is PermanentDeliveryException);

        var now = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc);
        var message = Sms(null);
        if (permanent)
        {
            message.MarkFailedPermanently(now, error.Message);
            Assert.Equal(now, message.FailedAt);
            Assert.Equal(DeliveryState.Failed, DeliveryStatus.Of(message, DateTime.UtcNow));
        }
        else
        {
            message.MarkFailed(now, error.Message);
            Assert.Null(message.FailedAt);
            Assert.Equal(DeliveryState.Retrying, DeliveryStatus.Of(message, DateTime.UtcNow));
        }
    }

    private static OutboxMessage Sms(string? key) => new()
    {
        Channel = OutboxChannel.Sms,
        Recipient = "+77011234567",
        Subject = "s",
        Body = "Birge: 1 — барамын, 2 — бара алмаймын",
        IdempotencyKey = key,
    };

    private static NetworkMessageSender Sender(FakeGateway gateway) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Sms:Gateway:Url"] = "http://gateway.test/send" }).Build(),
        gateway);

    private sealed class FakeGateway(HttpStatusCode status, string answer) : HttpMessageHandler, IHttpClientFactory
    {
        public string? IdempotencyKey { get; private set; }

        public string Body { get; private set; } = "";

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            IdempotencyKey = request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null;
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(status)
            {
                Content = new StringContent(answer, Encoding.UTF8, answer.StartsWith('{') ? "application/json" : "text/plain"),
            };
        }
    }
}
