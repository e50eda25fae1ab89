using System.Globalization;
using System.Text;
using OnboardingWeb.Flow;
using OnboardingWeb.Pages;
using static OnboardingWeb.Pages.Html;

namespace OnboardingWeb.Staff;

/// <summary>
/// The lender's staff pages: every decision with its reason codes and evidence report. NOT protected in this sample:
/// put them behind the lender's staff authentication (and never on the borrower-facing host).
/// </summary>
public static class StaffEndpoints
{
    /// <summary>Maps the staff pages under <c>/staff</c>.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static WebApplication MapStaffPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/staff", (HttpContext http, OnboardingStore store) =>
        {
            var rows = new StringBuilder();
            foreach (DecisionRecord d in store.Decisions)
            {
                rows.Append("<tr><td>").Append(E(d.DecidedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))
                    .Append("</td><td><a href=\"/staff/decisions/").Append(E(d.Reference)).Append("\">").Append(E(d.Reference)).Append("</a></td><td>")
                    .Append(E(d.IinMasked)).Append("</td><td>").Append(E(d.Stage)).Append("</td><td class=\"status-").Append(E(d.Status.ToString().ToLowerInvariant())).Append("\">")
                    .Append(E(d.Status.ToString())).Append("</td><td>").Append(E(string.Join(", ", d.Reasons))).Append("</td></tr>\n");
            }

            string table = rows.Length == 0
                ? "<p id=\"no-decisions\">No decisions yet.</p>"
                : $"""
                    <div class="table-wrap" tabindex="0" role="region" aria-label="Decisions">
                    <table id="decisions"><caption>Decisions, newest first</caption>
                    <thead><tr><th scope="col">Time (UTC)</th><th scope="col">Reference</th><th scope="col">IIN</th><th scope="col">Stage</th><th scope="col">Status</th><th scope="col">Reasons</th></tr></thead>
                    <tbody>{rows}</tbody></table></div>
                    """;
            return Page(http, Lang.En, "Staff: identification decisions", StaffNote + table, sandbox: true);
        });

        app.MapGet("/staff/decisions/{reference}", (HttpContext http, string reference, OnboardingStore store) =>
        {
            if (store.FindDecision(reference) is not { } d)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Page(http, Lang.En, "Decision not found", StaffNote + "<p><a href=\"/staff\">All decisions</a></p>", sandbox: true);
            }

            var explained = new StringBuilder();
            foreach (string sentence in ReasonTexts.Explain(d.Reasons, Lang.En))
            {
                explained.Append("<li>").Append(E(sentence)).Append("</li>");
            }

            string whatTheBorrowerSaw = d.Status == Kz.MicroCredit.Identity.IdentificationStatus.Verified ? string.Empty
                : $"<h2>What the borrower was told</h2><ul>{explained}</ul>";
            return Page(http, Lang.En, "Decision " + d.Reference, $"""
                {StaffNote}
                <dl class="facts">
                <dt>Status</dt><dd id="decision-status">{E(d.Status.ToString())}</dd>
                <dt>Reasons</dt><dd>{E(string.Join(", ", d.Reasons))}</dd>
                <dt>Policy</dt><dd>{E(d.Policy)}</dd>
                <dt>Stage</dt><dd>{E(d.Stage)}</dd>
                <dt>IIN</dt><dd>{E(d.IinMasked)}</dd>
                </dl>
                {whatTheBorrowerSaw}
                <h2>Evidence report</h2>
                <pre id="evidence" tabindex="0" aria-label="Evidence report JSON">{E(d.EvidenceJson)}</pre>
                <p><a href="/staff">All decisions</a></p>
                """, sandbox: true);
        });

        return app;
    }

    private const string StaffNote =
        "<p class=\"hint\">For the lender's staff. In a real deployment these pages sit behind staff sign-in, on an internal host.</p>\n";
}
