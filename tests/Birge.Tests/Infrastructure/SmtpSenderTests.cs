using System.Net;
using System.Net.Sockets;
using System.Text;
using Birge.Web.Infrastructure;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Birge.Tests.Infrastructure;

/// <summary>
/// The production e-mail sender against a small SMTP server of the test's own on 127.0.0.1: a Kazakh subject and body
/// arrive intact, and the sender logs in only when a user name is configured.
/// </summary>
public sealed class SmtpSenderTests
{
    private const string KazakhSubject = "Бірге: сіздің сағаттарыңыз расталды — Әсел, Ұлан, Қуаныш, Өмір, Һ, Ғ, Ң, Ү, І";
    private const string KazakhBody = "Сәлеметсіз бе, Әсел!\nҮйлестіруші 3 сағатты растады. Кітапша: https://birge.kz/book";

    [Fact]
    public async Task A_kazakh_message_arrives_intact_and_the_sender_logs_in_when_a_user_name_is_set()
    {
        using var server = new LoopbackSmtpServer();

        await SenderFor(server.Port, user: "birge", password: "s3cret").SendAsync(Email("aigerim@example.kz"), CancellationToken.None);

        var received = Assert.Single(await server.MessagesAsync(1));
        Assert.Equal(("birge", "s3cret"), received.Login);
        Assert.Equal("<aigerim@example.kz>", received.Recipient);
        using var mail = await MimeMessage.LoadAsync(new MemoryStream(received.Data));
        Assert.Equal(KazakhSubject, mail.Subject);
        Assert.Equal(KazakhBody, mail.TextBody!.ReplaceLineEndings("\n").TrimEnd('\n'));
        Assert.Equal("noreply@birge.kz", mail.From.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Without_a_user_name_the_sender_does_not_log_in()
    {
        using var server = new LoopbackSmtpServer();

        await SenderFor(server.Port, user: null, password: null).SendAsync(Email("raisa@example.kz"), CancellationToken.None);

        var received = Assert.Single(await server.MessagesAsync(1));
        Assert.Null(received.Login);
        Assert.Equal("<raisa@example.kz>", received.Recipient);
    }

    [Fact]
    public async Task A_message_sent_again_after_a_lost_outcome_carries_the_same_message_id_so_the_repeat_is_dropped()
    {
        using var server = new LoopbackSmtpServer();
        var message = Email("dana@example.kz");
        var sender = SenderFor(server.Port, user: null, password: null);

        await sender.SendAsync(message, CancellationToken.None);
        await sender.SendAsync(message, CancellationToken.None);
        await sender.SendAsync(Email("dana@example.kz"), CancellationToken.None);

        var ids = new List<string?>();
        foreach (var received in await server.MessagesAsync(3))
        {
            using var mail = await MimeMessage.LoadAsync(new MemoryStream(received.Data));
            ids.Add(mail.MessageId);
        }

        Assert.Equal($"{message.Id:N}@birge.kz", ids[0]);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Theory]
    [InlineData(null, null, SecureSocketOptions.StartTls)]
    [InlineData(null, "false", SecureSocketOptions.None)]
    [InlineData("StartTls", null, SecureSocketOptions.StartTls)]
    [InlineData("starttlswhenavailable", null, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData("SslOnConnect", "false", SecureSocketOptions.SslOnConnect)]
    [InlineData("None", null, SecureSocketOptions.None)]
    public void The_connection_is_protected_as_configured(string? security, string? enableSsl, SecureSocketOptions expected)
    {
        var settings = new Dictionary<string, string?> { ["Security"] = security, ["EnableSsl"] = enableSsl };
        Assert.Equal(expected, NetworkMessageSender.Security(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
    }

    [Fact]
    public void An_unknown_protection_is_refused_with_the_values_it_may_take()
    {
        var settings = new Dictionary<string, string?> { ["Security"] = "tls" };
        var refused = Assert.Throws<InvalidOperationException>(() => NetworkMessageSender.Security(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
        Assert.Contains("StartTls", refused.Message, StringComparison.Ordinal);
    }

    private static OutboxMessage Email(string to) =>
        new() { Channel = OutboxChannel.Email, Recipient = to, Subject = KazakhSubject, Body = KazakhBody, CreatedAt = DateTime.UtcNow };

    private static NetworkMessageSender SenderFor(int port, string? user, string? password)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:UserName"] = user,
            ["Email:Smtp:Password"] = password,
        };
        return new NetworkMessageSender(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new NoHttpClients());
    }

    private sealed class NoHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("E-mail needs no HTTP client.");
    }

    private sealed record Received((string User, string Password)? Login, string Recipient, byte[] Data);

    /// <summary>
    /// Just enough SMTP (RFC 5321) on a loopback port for one client at a time: EHLO with AUTH PLAIN and LOGIN, MAIL, RCPT,
    /// DATA, QUIT. Everything is bounded by a timeout, so a sender that hangs fails the test instead of the run.
    /// </summary>
    private sealed class LoopbackSmtpServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(20));
        private readonly List<Received> received = [];
        private readonly Task serving;

        public LoopbackSmtpServer()
        {
            listener.Start();
            serving = ServeAsync();
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public async Task<List<Received>> MessagesAsync(int count)
        {
            while (true)
            {
                lock (received)
                {
                    if (received.Count >= count)
                    {
                        return [.. received];
                    }
                }

                if (serving.IsCompleted)
                {
                    await serving;
                }

                await Task.Delay(20, timeout.Token);
            }
        }

        public void Dispose()
        {
            timeout.Cancel();
            listener.Stop();
            timeout.Dispose();
        }

        private async Task ServeAsync()
        {
            while (!timeout.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(timeout.Token);
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.Latin1);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await ConverseAsync(reader, writer);
            }
        }

        private async Task ConverseAsync(StreamReader reader, StreamWriter writer)
        {
            (string, string)? login = null;
            string? recipient = null;
            await writer.WriteLineAsync("220 localhost ESMTP test");
            while (await reader.ReadLineAsync(timeout.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250 AUTH PLAIN LOGIN");
                        break;
                    case "AUTH" when argument.StartsWith("PLAIN", StringComparison.OrdinalIgnoreCase):
                        var plain = argument.Length > 6 ? argument[6..] : await AskAsync(reader, writer, "");
                        var parts = Decode(plain).Split('\0');
                        login = (parts[1], parts[2]);
                        await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        break;
                    case "AUTH" when argument.StartsWith("LOGIN", StringComparison.OrdinalIgnoreCase):
                        var user = Decode(await AskAsync(reader, writer, "VXNlcm5hbWU6"));
                        login = (user, Decode(await AskAsync(reader, writer, "UGFzc3dvcmQ6")));
                        await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        break;
                    case "MAIL":
                        await writer.WriteLineAsync("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        recipient = argument[(argument.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                        await writer.WriteLineAsync("250 2.1.5 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(timeout.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        lock (received)
                        {
                            received.Add(new Received(login, recipient ?? "", Encoding.Latin1.GetBytes(data.ToString())));
                        }

                        await writer.WriteLineAsync("250 2.0.0 Queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }

        private async Task<string> AskAsync(StreamReader reader, StreamWriter writer, string challenge)
        {
            await writer.WriteLineAsync("334 " + challenge);
            return await reader.ReadLineAsync(timeout.Token) ?? "";
        }

        private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64.Trim()));
    }
}
