using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Text;

namespace Birge.Web.Infrastructure;

/// <summary>Delivers one message, or throws; the outbox retries.</summary>
public interface IMessageSender
{
    Task SendAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>Development: every message becomes a file that <c>/dev/outbox</c> shows.</summary>
public sealed class FileMessageSender(IConfiguration configuration, IWebHostEnvironment environment) : IMessageSender
{
    public string Directory { get; } = Path.GetFullPath(
        configuration["Outbox:Directory"] ?? "data/outbox", environment.ContentRootPath);

    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
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
    }
}

/// <summary>Production: e-mail by SMTP (MailKit), SMS through an HTTP gateway, both configured by settings.</summary>
public sealed class NetworkMessageSender(IConfiguration configuration, IHttpClientFactory httpClients) : IMessageSender
{
    public async Task SendAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.Channel == OutboxChannel.Email)
        {
            await SendEmailAsync(message, cancellationToken);
        }
        else
        {
            await SendSmsAsync(message, cancellationToken);
        }
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

    private async Task SendSmsAsync(OutboxMessage message, CancellationToken cancellationToken)
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

        using var response = await httpClients.CreateClient("sms").SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
