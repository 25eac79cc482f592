using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Birge.Web.Features.Dev;

/// <summary>Development only: the e-mails and SMS the platform "sent", newest first, so every flow can be finished locally.</summary>
[Authorize(Policy = Policies.Development)]
public sealed class OutboxModel(IServiceProvider services) : PageModel
{
    public List<(string Subject, string Header, string Body)> Messages { get; } = [];

    public void OnGet()
    {
        if (services.GetService<FileMessageSender>() is not { } sender || !Directory.Exists(sender.Directory))
        {
            return;
        }

        foreach (var file in new DirectoryInfo(sender.Directory).GetFiles("*.txt").OrderByDescending(f => f.Name).Take(50))
        {
            var text = System.IO.File.ReadAllText(file.FullName);
            var split = text.IndexOf("\n\n", StringComparison.Ordinal);
            var header = split < 0 ? text : text[..split];
            var subject = header.Split('\n').FirstOrDefault(l => l.StartsWith("Subject: ", StringComparison.Ordinal))?[9..] ?? file.Name;
            Messages.Add((subject, header.Replace("\n", " · ", StringComparison.Ordinal), split < 0 ? "" : text[(split + 2)..].Trim()));
        }
    }
}
