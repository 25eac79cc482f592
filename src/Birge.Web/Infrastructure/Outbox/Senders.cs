using System.Net.Mail;
using System.Text;

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

/// <summary>Production: e-mail by SMTP, SMS through an HTTP gateway, both configured by settings.</summary>
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

    private async Task SendEmailAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection("Email:Smtp");
        var host = section["Host"] ?? throw new InvalidOperationException("Email:Smtp:Host is not configured.");
        using var client = new SmtpClient(host, section.GetValue("Port", 587))
        {
            EnableSsl = section.GetValue("EnableSsl", true),
        };
        if (section["UserName"] is { } user)
        {
            client.Credentials = new System.Net.NetworkCredential(user, section["Password"]);
        }

        using var mail = new MailMessage(section["From"] ?? "noreply@birge.kz", message.Recipient, message.Subject, message.Body)
        {
            BodyEncoding = Encoding.UTF8,
            SubjectEncoding = Encoding.UTF8,
        };
        await client.SendMailAsync(mail, cancellationToken);
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
