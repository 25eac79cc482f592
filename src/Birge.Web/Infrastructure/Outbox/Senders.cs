using System.Text;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;

namespace Birge.Web.Infrastructure;

/// <summary>
/// Delivers one message and returns the gateway's id of it (when it gives one), or throws; the outbox retries, except
/// after a <see cref="PermanentDeliveryException"/>.
/// </summary>
public interface IMessageSender
{
    Task<string?> SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>The gateway refused the message for good (a 4xx answer: a bad number, a text it will never take).</summary>
public sealed class PermanentDeliveryException(string message) : Exception(message);

/// <summary>Development: every message becomes a file that <c>/dev/outbox</c> shows.</summary>
public sealed class FileMessageSender(IConfiguration configuration, IWebHostEnvironment environment) : IMessageSender
{
    public string Directory { get; } = Path.GetFullPath(
        configuration["Outbox:Directory"] ?? "data/outbox", environment.ContentRootPath);

    public async Task<string?> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{message.CreatedAt:yyyyMMdd-HHmmss}-{message.Channel.ToString().ToLowerInvariant()}-{message.Id:N}.txt";
        var text = new StringBuilder()
            .Append("To: ").AppendLine(message.Recipient)
            .Append("Channel: ").AppendLine(message.Channel.ToString())
            .Append("Subject: ").AppendLine(message.Subject)
            .Append("Date: ").AppendLine(message.CreatedAt.ToString("O"))
            .AppendLine()
            .AppendLine(message.Body)
            .ToString();
        await File.WriteAllTextAsync(Path.Combine(Directory, name), text, cancellationToken);
        return null;
    }
}

/// <summary>Production: e-mail by SMTP (MailKit), SMS through an HTTP gateway, both configured by settings.</summary>
public sealed class NetworkMessageSender(IConfiguration configuration, IHttpClientFactory httpClients) : IMessageSender
{
    public async Task<string?> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Channel == OutboxChannel.Email)
        {
            await SendEmailAsync(message, cancellationToken);
            return null;
        }

        return await SendSmsAsync(message, cancellationToken);
    }

    /// <summary>
    /// <c>Email:Smtp:Security</c> is how the connection is protected: <c>StartTls</c> (the default, port 587),
    /// <c>SslOnConnect</c> (port 465), <c>StartTlsWhenAvailable</c> or <c>None</c>. Without it the older
    /// <c>EnableSsl=false</c> still means none.
    /// </summary>
    public static SecureSocketOptions Security(IConfiguration smtp)
    {
        if (smtp["Security"] is not { Length: > 0 } configured)
        {
            return smtp.GetValue("EnableSsl", true) ? SecureSocketOptions.StartTls : SecureSocketOptions.None;
        }

        return configured.Trim() switch
        {
            var s when s.Equals("None", StringComparison.OrdinalIgnoreCase) => SecureSocketOptions.None,
            var s when s.Equals("StartTls", StringComparison.OrdinalIgnoreCase) => SecureSocketOptions.StartTls,
            var s when s.Equals("StartTlsWhenAvailable", StringComparison.OrdinalIgnoreCase) => SecureSocketOptions.StartTlsWhenAvailable,
            var s when s.Equals("SslOnConnect", StringComparison.OrdinalIgnoreCase) => SecureSocketOptions.SslOnConnect,
            _ => throw new InvalidOperationException($"Email:Smtp:Security is '{configured}'; use None, StartTls, StartTlsWhenAvailable or SslOnConnect."),
        };
    }

    private async Task SendEmailAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection("Email:Smtp");
        var host = section["Host"] ?? throw new InvalidOperationException("Email:Smtp:Host is not configured.");

        // Headers and body in UTF-8, so a Kazakh subject arrives as written.
        using var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(section["From"] ?? "noreply@birge.kz"));
        mail.To.Add(MailboxAddress.Parse(message.Recipient));
        mail.Subject = message.Subject;
        // The same for every attempt at this message: if a send's outcome could not be recorded (the database failed
        // over in between) and it goes again after the lease, mail systems and clients drop the repeat by its id.
        mail.MessageId = $"{message.Id:N}@{mail.From.Mailboxes.First().Domain}";
        var body = new TextPart(TextFormat.Plain);
        body.SetText(Encoding.UTF8, message.Body);
        mail.Body = body;

        using var client = new SmtpClient();
        await client.ConnectAsync(host, section.GetValue("Port", 587), Security(section), cancellationToken);
        if (section["UserName"] is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, section["Password"] ?? "", cancellationToken);
        }

        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>
    /// Posts <c>{to, text}</c> with <c>Idempotency-Key</c> (the message's key, else its id), so the gateway drops a repeat
    /// after a crash between its answer and our commit. Its answer's <c>{id}</c> names the message in delivery reports.
    /// A 4xx other than 408 and 429 is for good; a 5xx, a 408, a 429 or a timeout is tried again later.
    /// </summary>
    private async Task<string?> SendSmsAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection("Sms:Gateway");
        var url = section["Url"] ?? throw new InvalidOperationException("Sms:Gateway:Url is not configured.");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new { to = message.Recipient, text = message.Body }),
        };
        if (section["ApiKey"] is { } key)
        {
            request.Headers.Add("Authorization", "Bearer " + key);
        }

        request.Headers.Add("Idempotency-Key", message.IdempotencyKey ?? message.Id.ToString("N"));
        using var response = await httpClients.CreateClient("sms").SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (status is >= 400 and < 500 and not 408 and not 429)
        {
            throw new PermanentDeliveryException($"The SMS gateway refused the message: {status}");
        }

        response.EnsureSuccessStatusCode();
        return await GatewayIdAsync(response, cancellationToken);
    }

    private static async Task<string?> GatewayIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return null;
        }

        try
        {
            using var answer = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            return answer.RootElement.ValueKind == JsonValueKind.Object && answer.RootElement.TryGetProperty("id", out var id)
                ? id.ValueKind switch
                {
                    JsonValueKind.String => id.GetString() is { Length: > 0 and <= 100 } text ? text : null,
                    JsonValueKind.Number => id.GetRawText(),
                    _ => null,
                }
                : null;
        }
        catch (JsonException)
        {
            // Sent all the same: only its delivery report cannot be matched.
            return null;
        }
    }
}
