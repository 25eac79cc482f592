using Birge.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Birge.Web.Features.Notifications;

/// <summary>The inbox: one's notices newest first; opening one marks it read and goes to what it is about.</summary>
[Authorize(Policy = Policies.Account)]
public sealed class IndexModel(Inbox inbox) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true)]
    public bool Unread { get; set; }

    public InboxPage Result { get; private set; } = new([], 0, 0, 1);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Result = await inbox.PageAsync(Scopes.AccountId(User)!.Value, Unread, Math.Clamp(PageNumber, 1, 100_000), cancellationToken);

    /// <summary>Marks it read and follows its link, which is always a path of this site (never elsewhere).</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken cancellationToken)
    {
        var notice = await inbox.ReadAsync(Scopes.AccountId(User)!.Value, id, cancellationToken);
        if (notice is null)
        {
            return NotFound();
        }

        return Outbox.IsLocal(notice.Link) ? LocalRedirect(notice.Link!) : RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        await inbox.ReadAllAsync(Scopes.AccountId(User)!.Value, cancellationToken);
        TempData["Status"] = "Notifications_AllRead";
        return RedirectToPage();
    }

    public string PageUrl(int page) => $"/notifications?pageNumber={page}" + (Unread ? "&unread=true" : "");
}
