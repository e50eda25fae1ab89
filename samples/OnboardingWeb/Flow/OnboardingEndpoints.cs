using System.Text;
using Kz.MicroCredit.Identity;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.RealTimePhoto;
using Kz.MicroCredit.Identity.SigningChannels;
using Microsoft.AspNetCore.Antiforgery;
using OnboardingWeb.Pages;
using OnboardingWeb.Sandbox;
using OnboardingWeb.Signing;
using static OnboardingWeb.Pages.Html;

namespace OnboardingWeb.Flow;

/// <summary>The borrower's pages: server-rendered HTML, one GET (show) and one POST (act, then redirect) per step.</summary>
public static class OnboardingEndpoints
{
    /// <summary>Maps the pages.</summary>
    /// <param name="app">The app.</param>
    /// <returns>The app.</returns>
    public static WebApplication MapOnboarding(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/", (HttpContext http, IConfiguration configuration) =>
        {
            string? chosen = http.Request.Query["scenario"];
            if (!SandboxScenarioNames.TryParse(chosen, out SandboxScenario scenario)
                && !SandboxScenarioNames.TryParse(configuration["Sandbox:Scenario"], out scenario))
            {
                scenario = SandboxScenario.Happy;
            }

            return StartPage(http, LangSelection.Resolve(http), iin: string.Empty, phone: string.Empty, scenario, errors: []);
        });

        app.MapPost("/", async (HttpContext http, OnboardingFlow flow) =>
        {
            if (await RejectForgeryAsync(http) is { } bad)
            {
                return bad;
            }

            Lang lang = LangSelection.Resolve(http);
            IFormCollection form = await http.Request.ReadFormAsync(http.RequestAborted);
            string iinText = form["iin"].ToString();
            string phoneText = form["phone"].ToString();
            if (!SandboxScenarioNames.TryParse(form["scenario"], out SandboxScenario scenario))
            {
                scenario = SandboxScenario.Happy;
            }
            var errors = new List<(string Field, string Text)>();
            if (!Iin.TryParse(iinText.Replace(" ", string.Empty, StringComparison.Ordinal), out Iin iin))
            {
                errors.Add(("iin", Texts.Get("start.iin.invalid", lang)));
            }

            if (!KzPhoneNumber.TryParse(phoneText, out KzPhoneNumber phone))
            {
                errors.Add(("phone", Texts.Get("start.phone.invalid", lang)));
            }

            if (errors.Count > 0)
            {
                return StartPage(http, lang, iinText, phoneText, scenario, errors);
            }

            OnboardingSession session = flow.Start(iin, phone, scenario);
            return Results.Redirect(StepUrl(session));
        });

        app.MapGet("/onboarding/{id}", (string id, OnboardingStore store) =>
            store.Find(id) is { } session ? Results.Redirect(StepUrl(session)) : Results.Redirect("/"));

        app.MapGet("/onboarding/{id}/phone", (HttpContext http, string id, OnboardingStore store) =>
            Show(http, store, id, OnboardingStep.Phone, (session, lang) => Page(http, lang, Texts.Get("phone.heading", lang), $"""
                <p>{E(Texts.Format("phone.intro", lang, session.Phone.ToString()))}</p>
                <form method="post">
                {AntiforgeryField(http)}
                <button type="submit" id="check-phone" class="primary">{E(Texts.Get("phone.submit", lang))}</button>
                </form>
                """, sandbox: true, step: 2, steps: Steps(http))));

        app.MapPost("/onboarding/{id}/phone", (HttpContext http, string id, OnboardingStore store, OnboardingFlow flow) =>
            Act(http, store, id, OnboardingStep.Phone, session => flow.CheckPhoneAsync(session, http.RequestAborted)));

        app.MapGet("/onboarding/{id}/eds", (HttpContext http, string id, OnboardingStore store, OnboardingFlow flow, IEnumerable<IEdsSigningChannel> channels) =>
            ShowAsync(http, store, id, OnboardingStep.Eds, async (session, lang) =>
            {
                BorrowerChallenge challenge = await flow.ChallengeAsync(session, http.RequestAborted);
                var context = new EdsChannelContext(session, challenge, lang, AntiforgeryField(http), "/onboarding/" + session.Id + "/eds");
                var body = new StringBuilder();
                body.Append("<p>").Append(E(Texts.Get("eds.intro", lang))).Append("</p>\n")
                    .Append("<section class=\"card\" aria-labelledby=\"eds-what\"><h2 id=\"eds-what\">").Append(E(Texts.Get("eds.what", lang))).Append("</h2>\n<p>")
                    .Append(E(Texts.Format("eds.what.text", lang, challenge.Id, challenge.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture))))
                    .Append("</p></section>\n")
                    .Append("<section class=\"channels\" aria-labelledby=\"eds-channels\"><h2 id=\"eds-channels\">").Append(E(Texts.Get("eds.channel", lang))).Append("</h2>\n");
                foreach (IEdsSigningChannel channel in channels.OrderBy(c => c.Order))
                {
                    body.Append("<section class=\"channel card\" id=\"channel-").Append(E(channel.Id)).Append("\" data-channel=\"").Append(E(channel.Id)).Append("\">\n")
                        .Append(channel.Render(context)).Append("\n</section>\n");
                }

                body.Append("</section>");
                return Page(http, lang, Texts.Get("eds.heading", lang), body.ToString(), sandbox: true, step: 3, steps: Steps(http));
            }));

        app.MapPost("/onboarding/{id}/eds/sandbox", (HttpContext http, string id, OnboardingStore store, OnboardingFlow flow) =>
            Act(http, store, id, OnboardingStep.Eds, session => flow.SignWithSandboxKeyAsync(session, http.RequestAborted)));

        // For channels that sign in the browser (NCALayer): the base64 CMS in the form field "cms".
        app.MapPost("/onboarding/{id}/eds/signature", (HttpContext http, string id, OnboardingStore store, OnboardingFlow flow) =>
            Act(http, store, id, OnboardingStep.Eds, async session =>
            {
                IFormCollection form = await http.Request.ReadFormAsync(http.RequestAborted);
                byte[] cms;
                try
                {
                    cms = Convert.FromBase64String(form["cms"].ToString());
                }
                catch (FormatException)
                {
                    return StepOutcome.Invalid;
                }

                return await flow.AcceptSignatureAsync(session, cms, http.RequestAborted);
            }));

        // The eGov mobile channel: the page posts the id of the signing session the phone answered; the collected
        // signature becomes the session's EDS evidence, verified with the rest at the end as a direct one would be.
        app.MapPost("/onboarding/{id}/eds/egov-mobile", (HttpContext http, string id, OnboardingStore store, OnboardingFlow flow, IEGovMobileSigningService signing) =>
            Act(http, store, id, OnboardingStep.Eds, async session =>
            {
                IFormCollection form = await http.Request.ReadFormAsync(http.RequestAborted);
                NcaEdsEvidence? evidence = await signing.GetEvidenceAsync(form["sessionId"].ToString(), http.RequestAborted);
                return evidence is null ? StepOutcome.Invalid : await flow.AcceptSignatureAsync(session, evidence.Signature.ToArray(), http.RequestAborted);
            }));

        app.MapGet("/onboarding/{id}/camera", (HttpContext http, string id, OnboardingStore store) =>
            Show(http, store, id, OnboardingStep.Camera, (session, lang) => CameraPage(http, session, lang, error: false)));

        app.MapPost("/onboarding/{id}/camera", (HttpContext http, string id, OnboardingStore store, OnboardingFlow flow) =>
            Act(http, store, id, OnboardingStep.Camera, async session =>
            {
                IFormCollection form = await http.Request.ReadFormAsync(http.RequestAborted);
                string dataUrl = form["photo"].ToString();
                const string prefix = "data:image/jpeg;base64,";
                if (!dataUrl.StartsWith(prefix, StringComparison.Ordinal) || dataUrl.Length > prefix.Length + (OnboardingFlow.MaxPhotoBytes / 3 * 4) + 4)
                {
                    return StepOutcome.Invalid;
                }

                byte[] jpeg;
                try
                {
                    jpeg = Convert.FromBase64String(dataUrl[prefix.Length..]);
                }
                catch (FormatException)
                {
                    return StepOutcome.Invalid;
                }

                return await flow.AcceptPhotoAsync(session, jpeg, http.RequestAborted);
            },
            invalid: (session, lang) => CameraPage(http, session, lang, error: true)));

        app.MapGet("/onboarding/{id}/otp", (HttpContext http, string id, OnboardingStore store, OnboardingSandbox sandbox) =>
            Show(http, store, id, OnboardingStep.Otp, (session, lang) =>
            {
                string hint = string.Empty;
                try
                {
                    string code = sandbox.Sms.CodeFor(session.PhotoSession!.SessionId);
                    hint = $"""<aside class="sandbox-hint" aria-label="{E(Texts.Get("otp.sandbox", lang))}"><p>{E(Texts.Get("otp.sandbox", lang))} <strong id="sandbox-otp" translate="no">{E(code)}</strong></p></aside>""";
                }
                catch (InvalidOperationException)
                {
                    // No captured message (should not happen once the session started): no hint.
                }

                return Page(http, lang, Texts.Get("otp.heading", lang), $"""
                    <p>{E(Texts.Format("otp.intro", lang, session.Phone.ToString()))}</p>
                    {hint}
                    <form method="post">
                    {AntiforgeryField(http)}
                    <label for="otp">{E(Texts.Get("otp.code", lang))}</label>
                    <input id="otp" name="otp" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxlength="10" required>
                    <button type="submit" id="confirm-otp" class="primary">{E(Texts.Get("otp.submit", lang))}</button>
                    </form>
                    """, sandbox: true, step: 5, steps: Steps(http));
            }));

        app.MapPost("/onboarding/{id}/otp", (HttpContext http, string id, OnboardingStore store, OnboardingFlow flow) =>
            Act(http, store, id, OnboardingStep.Otp, async session =>
            {
                IFormCollection form = await http.Request.ReadFormAsync(http.RequestAborted);
                return await flow.DecideAsync(session, form["otp"].ToString(), http.RequestAborted);
            }));

        app.MapGet("/onboarding/{id}/decision", (HttpContext http, string id, OnboardingStore store) =>
            Show(http, store, id, OnboardingStep.Decided, (session, lang) => DecisionPage(http, session.Decision!, lang)));

        app.MapGet("/onboarding/{id}/later", (HttpContext http, string id, OnboardingStore store) =>
            Show(http, store, id, OnboardingStep.TryLater, (_, lang) => Page(http, lang, Texts.Get("later.heading", lang), $"""
                <div class="outcome later" id="outcome" data-outcome="try-later">
                <p>{E(Texts.Get("later.text", lang))}</p>
                </div>
                <p><a class="button primary" href="/">{E(Texts.Get("later.retry", lang))}</a></p>
                """, sandbox: true)));

        return app;
    }

    private static int Steps(HttpContext http) => http.RequestServices.GetRequiredService<OnboardingFlow>().HasOtpStep ? 5 : 4;

    private static IResult StartPage(HttpContext http, Lang lang, string iin, string phone, SandboxScenario scenario, List<(string Field, string Text)> errors)
    {
        var body = new StringBuilder();
        body.Append("<p>").Append(E(Texts.Get("start.intro", lang))).Append("</p>\n");
        if (errors.Count > 0)
        {
            body.Append("<div class=\"errors\" role=\"alert\" id=\"errors\"><p>").Append(E(Texts.Get("start.errors", lang))).Append("</p><ul>");
            foreach ((string field, string text) in errors)
            {
                body.Append("<li><a href=\"#").Append(field).Append("\">").Append(E(text)).Append("</a></li>");
            }

            body.Append("</ul></div>\n");
        }

        bool iinBad = errors.Any(e => e.Field == "iin");
        bool phoneBad = errors.Any(e => e.Field == "phone");
        body.Append("<form method=\"post\" action=\"/\" novalidate>\n").Append(AntiforgeryField(http)).Append('\n')
            .Append("<label for=\"iin\">").Append(E(Texts.Get("start.iin", lang))).Append("</label>\n")
            .Append("<p class=\"hint\" id=\"iin-hint\">").Append(E(Texts.Get("start.iin.hint", lang))).Append("</p>\n")
            .Append("<input id=\"iin\" name=\"iin\" inputmode=\"numeric\" autocomplete=\"off\" maxlength=\"14\" required aria-describedby=\"iin-hint\"")
            .Append(iinBad ? " aria-invalid=\"true\"" : string.Empty).Append(" value=\"").Append(E(iin)).Append("\">\n")
            .Append("<label for=\"phone\">").Append(E(Texts.Get("start.phone", lang))).Append("</label>\n")
            .Append("<p class=\"hint\" id=\"phone-hint\">").Append(E(Texts.Get("start.phone.hint", lang))).Append("</p>\n")
            .Append("<input id=\"phone\" name=\"phone\" type=\"tel\" inputmode=\"tel\" autocomplete=\"tel\" maxlength=\"20\" required aria-describedby=\"phone-hint\"")
            .Append(phoneBad ? " aria-invalid=\"true\"" : string.Empty).Append(" value=\"").Append(E(phone)).Append("\">\n")
            .Append("<details class=\"sandbox-panel\"><summary>").Append(E(Texts.Get("sandbox.panel", lang))).Append("</summary>\n")
            .Append("<p class=\"hint\">").Append(E(Texts.Get("sandbox.panel.hint", lang))).Append("</p>\n")
            .Append("<label for=\"scenario\">").Append(E(Texts.Get("sandbox.panel", lang))).Append("</label>\n<select id=\"scenario\" name=\"scenario\">");
        foreach ((SandboxScenario s, string name, string description) in SandboxScenarioNames.Scenarios)
        {
            body.Append("<option value=\"").Append(name).Append('"').Append(s == scenario ? " selected" : string.Empty).Append('>')
                .Append(E(name + ": " + description)).Append("</option>");
        }

        body.Append("</select>\n</details>\n")
            .Append("<button type=\"submit\" id=\"start\" class=\"primary\">").Append(E(Texts.Get("start.submit", lang))).Append("</button>\n</form>");
        return Page(http, lang, Texts.Get("start.heading", lang), body.ToString(), sandbox: true, step: 1, steps: Steps(http));
    }

    private static IResult CameraPage(HttpContext http, OnboardingSession session, Lang lang, bool error)
    {
        var commands = new StringBuilder();
        foreach (LivenessCommand command in session.PhotoSession?.Commands ?? [])
        {
            string key = "cmd." + command;
            commands.Append("<li>").Append(E(Texts.Has(key) ? Texts.Get(key, lang) : command.ToString())).Append("</li>");
        }

        string commandList = commands.Length == 0 ? string.Empty : $"""
            <section class="card" aria-labelledby="commands"><h2 id="commands">{E(Texts.Get("camera.commands", lang))}</h2><ol id="liveness-commands">{commands}</ol></section>
            """;
        string errorBox = error ? $"""<div class="errors" role="alert"><p>{E(Texts.Get("camera.nophoto", lang))}</p></div>""" : string.Empty;
        return Page(http, lang, Texts.Get("camera.heading", lang), $"""
            <p>{E(Texts.Get("camera.intro", lang))}</p>
            {errorBox}
            {commandList}
            <form method="post" id="camera-form" data-denied="{E(Texts.Get("camera.denied", lang))}" data-nophoto="{E(Texts.Get("camera.nophoto", lang))}">
            {AntiforgeryField(http)}
            <div class="camera">
            <video id="camera-video" playsinline muted aria-label="{E(Texts.Get("camera.video", lang))}"></video>
            <img id="camera-photo" alt="{E(Texts.Get("camera.preview", lang))}" hidden>
            <canvas id="camera-canvas" hidden></canvas>
            </div>
            <p id="camera-status" class="errors" role="alert" hidden></p>
            <input type="hidden" name="photo" id="photo">
            <div class="buttons">
            <button type="button" id="camera-start" class="primary">{E(Texts.Get("camera.start", lang))}</button>
            <button type="button" id="camera-capture" disabled>{E(Texts.Get("camera.capture", lang))}</button>
            <button type="button" id="camera-retake" hidden>{E(Texts.Get("camera.retake", lang))}</button>
            <button type="submit" id="camera-send" class="primary" disabled>{E(Texts.Get("camera.send", lang))}</button>
            </div>
            </form>
            """, sandbox: true, step: 4, steps: Steps(http), script: "camera.js");
    }

    private static IResult DecisionPage(HttpContext http, DecisionRecord decision, Lang lang)
    {
        if (decision.Status == IdentificationStatus.Verified)
        {
            return Page(http, lang, Texts.Get("decision.ok.heading", lang), $"""
                <div class="outcome ok" id="outcome" data-outcome="verified"><p>{E(Texts.Get("decision.ok.text", lang))}</p></div>
                <p class="hint">{E(Texts.Format("decision.reference", lang, decision.Reference))}</p>
                """, sandbox: true);
        }

        var reasons = new StringBuilder();
        foreach (string sentence in ReasonTexts.Explain(decision.Reasons, lang))
        {
            reasons.Append("<li>").Append(E(sentence)).Append("</li>");
        }

        return Page(http, lang, Texts.Get("decision.no.heading", lang), $"""
            <div class="outcome rejected" id="outcome" data-outcome="rejected">
            <p>{E(Texts.Get("decision.no.text", lang))}</p>
            <ul id="reasons">{reasons}</ul>
            </div>
            <p class="hint">{E(Texts.Format("decision.reference", lang, decision.Reference))}</p>
            <p><a class="button" href="/">{E(Texts.Get("restart", lang))}</a></p>
            """, sandbox: true);
    }

    private static string StepUrl(OnboardingSession session) => "/onboarding/" + session.Id + session.Step switch
    {
        OnboardingStep.Phone => "/phone",
        OnboardingStep.Eds => "/eds",
        OnboardingStep.Camera => "/camera",
        OnboardingStep.Otp => "/otp",
        OnboardingStep.Decided => "/decision",
        _ => "/later",
    };

    private static Task<IResult> Show(HttpContext http, OnboardingStore store, string id, OnboardingStep step, Func<OnboardingSession, Lang, IResult> render) =>
        ShowAsync(http, store, id, step, (s, l) => Task.FromResult(render(s, l)));

    private static async Task<IResult> ShowAsync(HttpContext http, OnboardingStore store, string id, OnboardingStep step, Func<OnboardingSession, Lang, Task<IResult>> render)
    {
        Lang lang = LangSelection.Resolve(http);
        if (store.Find(id) is not { } session)
        {
            return NotFound(http, lang);
        }

        await session.Gate.WaitAsync(http.RequestAborted);
        try
        {
            // A step is shown only when it is the current one: no skipping ahead, no going back to redo one.
            return session.Step == step ? await render(session, lang) : Results.Redirect(StepUrl(session));
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private static async Task<IResult> Act(
        HttpContext http,
        OnboardingStore store,
        string id,
        OnboardingStep step,
        Func<OnboardingSession, Task<StepOutcome>> act,
        Func<OnboardingSession, Lang, IResult>? invalid = null)
    {
        if (await RejectForgeryAsync(http) is { } bad)
        {
            return bad;
        }

        Lang lang = LangSelection.Resolve(http);
        if (store.Find(id) is not { } session)
        {
            return NotFound(http, lang);
        }

        await session.Gate.WaitAsync(http.RequestAborted);
        try
        {
            if (session.Step != step)
            {
                return Results.Redirect(StepUrl(session));
            }

            StepOutcome outcome = await act(session);
            return outcome == StepOutcome.Invalid
                ? invalid is null ? Results.BadRequest() : invalid(session, lang)
                : Results.Redirect(StepUrl(session));
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private static async Task<IResult?> RejectForgeryAsync(HttpContext http)
    {
        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            return null;
        }
        catch (AntiforgeryValidationException)
        {
            return Results.BadRequest();
        }
    }

    private static IResult NotFound(HttpContext http, Lang lang)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        return Page(http, lang, Texts.Get("expired.heading", lang), $"""
            <p>{E(Texts.Get("expired.text", lang))}</p>
            <p><a class="button primary" href="/">{E(Texts.Get("restart", lang))}</a></p>
            """, sandbox: true);
    }
}
