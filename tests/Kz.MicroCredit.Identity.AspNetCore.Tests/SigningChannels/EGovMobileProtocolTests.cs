using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kz.MicroCredit.Identity.Cryptography;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.SigningChannels;
using Kz.MicroCredit.Identity.Testing.SigningChannels;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests.SigningChannels;

public sealed class EGovMobileProtocolTests
{
    [Fact]
    public async Task Start_gives_a_qr_payload_with_the_absolute_api1_url_deep_links_and_expiry()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        EGovMobileSigningSession session = await host.StartSessionAsync();

        Assert.Equal("mobileSign:https://lender.example/app/kzid/egov-mobile/api1/" + session.SessionId, session.QrPayload);
        Assert.Equal(host.Time.GetUtcNow() + TimeSpan.FromMinutes(3), session.ExpiresAt);
        Assert.Contains(Uri.EscapeDataString(session.Api1Url.AbsoluteUri), session.DeepLinks["egov"].AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("egovBusiness", session.DeepLinks.Keys);
        Assert.DoesNotContain(EGovMobileHost.Borrower.Value, session.ToString(), StringComparison.Ordinal);
        EGovMobileSigningStatus? status = await host.Signing.GetStatusAsync(session.SessionId);
        Assert.Equal(EGovMobileSessionState.Pending, status!.State);
    }

    [Theory]
    [InlineData("ru", "Подтверждение личности для получения микрокредита")]
    [InlineData("kk-KZ", "Микрокредит алу үшін жеке басыңызды растау")]
    [InlineData("en-US,en;q=0.9", "Confirm your identity to get a microcredit")]
    public async Task Api1_answers_the_documented_shape_in_the_apps_language(string language, string description)
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        EGovMobileSigningSession session = await host.StartSessionAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, session.Api1Url);
        request.Headers.TryAddWithoutValidation("Accept-Language", language);
        using HttpResponseMessage response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        JsonObject json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(["description", "expiry_date", "organisation", "document"], json.Select(p => p.Key));
        Assert.Equal(description, json["description"]!.GetValue<string>());
        TimeSpan off = session.ExpiresAt - DateTimeOffset.Parse(json["expiry_date"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(off, TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        Assert.Matches(@"[+-]\d\d:\d\d$", json["expiry_date"]!.GetValue<string>());
        Assert.Equal("ТОО «МФО Тест»", json["organisation"]!["nameRu"]!.GetValue<string>());
        Assert.Equal("«МҚҰ Тест» ЖШС", json["organisation"]!["nameKz"]!.GetValue<string>());
        Assert.Equal("MFO Test LLP", json["organisation"]!["nameEn"]!.GetValue<string>());
        Assert.Equal("123456789012", json["organisation"]!["bin"]!.GetValue<string>());
        Assert.Equal("https://lender.example/app/kzid/egov-mobile/api2/" + session.SessionId, json["document"]!["uri"]!.GetValue<string>());
        Assert.Equal("Token", json["document"]!["auth_type"]!.GetValue<string>());
        Assert.True(json["document"]!["auth_token"]!.GetValue<string>().Length >= 40);
    }

    [Theory]
    [InlineData(EGovMobileSignMethod.Xml, "XML")]
    [InlineData(EGovMobileSignMethod.CmsWithData, "CMS_WITH_DATA")]
    [InlineData(EGovMobileSignMethod.CmsSignOnly, "CMS_SIGN_ONLY")]
    public async Task Api2_serves_the_challenge_as_the_documented_document_shape(EGovMobileSignMethod method, string wireName)
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(method);
        EGovMobileSigningSession session = await host.StartSessionAsync();
        JsonNode api1 = JsonNode.Parse(await host.Client.GetStringAsync(session.Api1Url))!;
        using var request = new HttpRequestMessage(HttpMethod.Get, api1["document"]!["uri"]!.GetValue<string>());
        request.Headers.Authorization = new("Bearer", api1["document"]!["auth_token"]!.GetValue<string>());
        using HttpResponseMessage response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonNode json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(wireName, json["signMethod"]!.GetValue<string>());
        Assert.Equal(1, json["version"]!.GetValue<int>());
        JsonNode document = Assert.Single(json["documentsToSign"]!.AsArray())!;
        Assert.Equal(1, document["id"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(document["nameRu"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(document["nameKz"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(document["nameEn"]!.GetValue<string>()));
        Assert.NotEmpty(document["meta"]!.AsArray());
        if (method == EGovMobileSignMethod.Xml)
        {
            Assert.StartsWith("<challenge ", document["documentXml"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Null(document["document"]);
        }
        else
        {
            Assert.Equal("text/plain", document["document"]!["file"]!["mime"]!.GetValue<string>());
            string text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(document["document"]!["file"]!["data"]!.GetValue<string>()));
            Assert.StartsWith("kzid-challenge/1 id=", text, StringComparison.Ordinal);
            Assert.Null(document["documentXml"]);
        }
    }

    [Theory]
    [InlineData(EGovMobileSignMethod.Xml, NcaKeyAlgorithm.Gost2015_512)]
    [InlineData(EGovMobileSignMethod.Xml, NcaKeyAlgorithm.Rsa)]
    [InlineData(EGovMobileSignMethod.CmsWithData, NcaKeyAlgorithm.Gost2015_512)]
    [InlineData(EGovMobileSignMethod.CmsWithData, NcaKeyAlgorithm.Gost2004)]
    [InlineData(EGovMobileSignMethod.CmsSignOnly, NcaKeyAlgorithm.Rsa)]
    [InlineData(EGovMobileSignMethod.CmsSignOnly, NcaKeyAlgorithm.Gost2015_512)]
    public async Task A_signature_collected_from_the_phone_is_verified_by_nca_eds_exactly_as_a_direct_submission(EGovMobileSignMethod method, NcaKeyAlgorithm algorithm)
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(method, algorithm);
        INcaSigner signer = host.Pki.IssueIndividual(EGovMobileHost.Borrower, "ТЕСТОВ", "ТЕСТ");
        EGovMobileSigningSession session = await host.StartSessionAsync();

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, signer);

        Assert.True(phone.Accepted, phone.ToString());
        EGovMobileSigningStatus status = (await host.Signing.GetStatusAsync(session.SessionId))!;
        Assert.Equal(EGovMobileSessionState.Accepted, status.State);
        NcaEdsEvidence evidence = (await host.Signing.GetEvidenceAsync(session.SessionId))!;
        Assert.Equal(method == EGovMobileSignMethod.Xml ? EdsSignatureFormat.Xml : EdsSignatureFormat.Cms, evidence.Format);
        Assert.Equal(method == EGovMobileSignMethod.CmsSignOnly, evidence.DetachedContent is not null);
        // The kept bytes are exactly what the phone sent.
        Assert.Equal(SignatureOf(phone.Answer!, method), evidence.Signature.ToArray());

        IdentificationResult identified = await host.IdentifyAsync(evidence);
        Assert.True(identified.IsVerified, identified.ToString());
        Assert.Equal(algorithm.ToCliName(), identified.Methods[0].Evidence.Facts["key.algorithm"]);

        // Single use, as a direct submission: the challenge was redeemed by the identification, not by the session.
        IdentificationResult replay = await host.IdentifyAsync(new NcaEdsEvidence(SignatureOf(phone.Answer!, method), evidence.Format, evidence.DetachedContent));
        Assert.Equal(IdentificationStatus.Rejected, replay.Status);
        Assert.Contains(ReasonCode.ChallengeInvalid, replay.Methods[0].Reasons);
    }

    [Theory]
    [InlineData(EGovMobileSignMethod.Xml)]
    [InlineData(EGovMobileSignMethod.CmsWithData)]
    [InlineData(EGovMobileSignMethod.CmsSignOnly)]
    public async Task A_signer_with_another_iin_is_vetoed_as_a_direct_submission_is_and_nothing_is_kept(EGovMobileSignMethod method)
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(method);
        INcaSigner stranger = host.Pki.IssueIndividual(EGovMobileHost.Other, "ДРУГОЙ", "ЧЕЛОВЕК");
        EGovMobileSigningSession session = await host.StartSessionAsync();
        host.Simulator.Language = "kk";

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, stranger);

        Assert.Equal(403, phone.StatusCode);
        Assert.Equal("Қол қоюшы өтініш берушіге сәйкес келмейді.", phone.Message);
        EGovMobileSigningStatus status = (await host.Signing.GetStatusAsync(session.SessionId))!;
        Assert.Equal(EGovMobileSessionState.Rejected, status.State);
        Assert.Contains(ReasonCode.IinMismatch.Value, status.Reasons);
        Assert.Null(await host.Signing.GetEvidenceAsync(session.SessionId));

        // The same signature submitted directly: the same verdict.
        byte[] signature = SignatureOf(phone.Answer!, method);
        IdentificationResult direct = await host.IdentifyAsync(new NcaEdsEvidence(
            signature,
            method == EGovMobileSignMethod.Xml ? EdsSignatureFormat.Xml : EdsSignatureFormat.Cms,
            method == EGovMobileSignMethod.CmsSignOnly ? ServedContent(phone) : null));
        Assert.Equal(IdentificationStatus.Rejected, direct.Status);
        Assert.True(direct.Methods[0].IsVeto);
        Assert.Equal(status.Reasons, direct.Methods[0].Reasons.Select(r => r.Value));
    }

    [Theory]
    [InlineData("ru", "Сеанс подписания не найден.")]
    [InlineData("kk", "Қол қою сеансы табылмады.")]
    [InlineData("en", "The signing session was not found.")]
    public async Task An_unknown_session_is_404_with_a_localized_message(string language, string message)
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        host.Simulator.Language = language;
        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync("mobileSign:https://lender.example/app/kzid/egov-mobile/api1/no-such-session", host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"));
        Assert.Equal(("api1", 404, message), (phone.Step, phone.StatusCode, phone.Message));
    }

    [Fact]
    public async Task An_expired_session_is_410_before_and_after_api1_and_is_reported_expired()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        INcaSigner signer = host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б");
        EGovMobileSigningSession late = await host.StartSessionAsync();
        EGovMobileSigningSession slow = await host.StartSessionAsync();
        host.Simulator.BeforeAnswer = _ =>
        {
            host.Time.Advance(TimeSpan.FromMinutes(3));
            return Task.CompletedTask;
        };

        EGovMobileSimulatorResult answeredTooLate = await host.Simulator.SignAsync(slow.QrPayload, signer);
        EGovMobileSimulatorResult scannedTooLate = await host.Simulator.SignAsync(late.QrPayload, signer);

        Assert.Equal(("api2-put", 410), (answeredTooLate.Step, answeredTooLate.StatusCode));
        Assert.Equal(("api1", 410), (scannedTooLate.Step, scannedTooLate.StatusCode));
        Assert.Equal("Срок сеанса подписания истёк. Получите новый QR-код.", scannedTooLate.Message);
        Assert.Equal(EGovMobileSessionState.Expired, (await host.Signing.GetStatusAsync(slow.SessionId))!.State);
        Assert.Null(await host.Signing.GetEvidenceAsync(slow.SessionId));
    }

    [Theory]
    [InlineData(EGovMobileSimulatorFault.MissingToken, EGovMobileSignMethod.Xml, 401)]
    [InlineData(EGovMobileSimulatorFault.WrongToken, EGovMobileSignMethod.CmsWithData, 401)]
    [InlineData(EGovMobileSimulatorFault.MalformedBody, EGovMobileSignMethod.Xml, 400)]
    [InlineData(EGovMobileSimulatorFault.OversizedBody, EGovMobileSignMethod.Xml, 413)]
    [InlineData(EGovMobileSimulatorFault.OversizedStreamedBody, EGovMobileSignMethod.CmsSignOnly, 413)]
    [InlineData(EGovMobileSimulatorFault.ChangeDocuments, EGovMobileSignMethod.Xml, 400)]
    [InlineData(EGovMobileSimulatorFault.ChangeDocuments, EGovMobileSignMethod.CmsWithData, 400)]
    [InlineData(EGovMobileSimulatorFault.ChangeDocuments, EGovMobileSignMethod.CmsSignOnly, 422)]
    [InlineData(EGovMobileSimulatorFault.SignOtherData, EGovMobileSignMethod.CmsWithData, 400)]
    public async Task A_bad_answer_that_decides_nothing_is_refused_in_the_protocols_error_form_and_leaves_the_session_open(EGovMobileSimulatorFault fault, EGovMobileSignMethod method, int expected)
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(method);
        INcaSigner signer = host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б");
        EGovMobileSigningSession session = await host.StartSessionAsync();
        host.Simulator.Language = "en";

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, signer, fault);

        Assert.Equal(("api2-put", expected), (phone.Step, phone.StatusCode));
        Assert.False(string.IsNullOrEmpty(phone.Message));
        Assert.Null(await host.Signing.GetEvidenceAsync(session.SessionId));
        EGovMobileSessionState state = (await host.Signing.GetStatusAsync(session.SessionId))!.State;
        // A detached CMS over changed data is a signature the engine rejects: that verdict closes the session.
        Assert.Equal(expected == 422 ? EGovMobileSessionState.Rejected : EGovMobileSessionState.Pending, state);
    }

    [Theory]
    [InlineData(EGovMobileSignMethod.Xml)]
    [InlineData(EGovMobileSignMethod.CmsSignOnly)]
    public async Task A_signature_over_other_data_is_rejected_never_accepted(EGovMobileSignMethod method)
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(method);
        EGovMobileSigningSession session = await host.StartSessionAsync();

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"), EGovMobileSimulatorFault.SignOtherData);

        Assert.Equal(422, phone.StatusCode);
        Assert.Equal("Подпись не принята.", phone.Message);
        EGovMobileSigningStatus status = (await host.Signing.GetStatusAsync(session.SessionId))!;
        Assert.Equal(EGovMobileSessionState.Rejected, status.State);
        Assert.NotEmpty(status.Reasons);
        Assert.Null(await host.Signing.GetEvidenceAsync(session.SessionId));
    }

    [Fact]
    public async Task An_answer_the_engine_cannot_decide_is_503_and_the_session_stays_open_for_a_retry()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(EGovMobileSignMethod.CmsWithData, revocationUnavailable: true);
        EGovMobileSigningSession session = await host.StartSessionAsync();

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"));

        Assert.Equal(503, phone.StatusCode);
        Assert.Equal("Подпись сейчас не удаётся проверить. Повторите позже.", phone.Message);
        Assert.Equal(EGovMobileSessionState.Pending, (await host.Signing.GetStatusAsync(session.SessionId))!.State);
        Assert.Null(await host.Signing.GetEvidenceAsync(session.SessionId));
    }

    [Fact]
    public async Task A_second_answer_for_a_closed_session_is_409_and_changes_nothing()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(EGovMobileSignMethod.CmsWithData);
        EGovMobileSigningSession session = await host.StartSessionAsync();

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"), EGovMobileSimulatorFault.AnswerTwice);

        Assert.Equal([200, 409], phone.AnswerStatusCodes);
        Assert.Equal(EGovMobileSessionState.Accepted, (await host.Signing.GetStatusAsync(session.SessionId))!.State);
    }

    [Fact]
    public async Task Of_concurrent_answers_exactly_one_wins()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(EGovMobileSignMethod.Xml);
        EGovMobileSigningSession session = await host.StartSessionAsync();

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"), EGovMobileSimulatorFault.ConcurrentAnswers);

        Assert.Equal(8, phone.AnswerStatusCodes.Count);
        Assert.Equal(1, phone.AnswerStatusCodes.Count(c => c == 200));
        Assert.All(phone.AnswerStatusCodes.Where(c => c != 200), c => Assert.Equal(409, c));
        Assert.True((await host.IdentifyAsync((await host.Signing.GetEvidenceAsync(session.SessionId))!)).IsVerified);
    }

    [Fact]
    public async Task The_qr_code_is_single_use()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        EGovMobileSigningSession session = await host.StartSessionAsync();

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"), EGovMobileSimulatorFault.ReuseQrCode);

        Assert.Equal(("api1", 409), (phone.Step, phone.StatusCode));
        Assert.Equal("Этот QR-код или ссылка уже использованы.", phone.Message);
    }

    [Fact]
    public async Task Api2_without_or_with_a_wrong_token_is_401()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        EGovMobileSigningSession session = await host.StartSessionAsync();
        JsonNode api1 = JsonNode.Parse(await host.Client.GetStringAsync(session.Api1Url))!;
        string uri = api1["document"]!["uri"]!.GetValue<string>();

        using HttpResponseMessage none = await host.Client.GetAsync(uri);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, uri);
        wrong.Headers.Authorization = new("Bearer", "not-the-token");
        using HttpResponseMessage wrongResponse = await host.Client.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Equal("Нет доступа: токен отсутствует или неверен.", JsonNode.Parse(await none.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_page_polls_the_status_and_gets_server_sent_events()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        EGovMobileSigningSession session = await host.StartSessionAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/kzid/egov-mobile/sessions/unknown/status")).StatusCode);
        Assert.Equal("pending", JsonNode.Parse(await host.Client.GetStringAsync("/kzid/egov-mobile/sessions/" + session.SessionId + "/status"))!["state"]!.GetValue<string>());

        await host.Simulator.SignAsync(session.QrPayload, host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"));

        Assert.Equal("accepted", JsonNode.Parse(await host.Client.GetStringAsync("/kzid/egov-mobile/sessions/" + session.SessionId + "/status"))!["state"]!.GetValue<string>());
        using HttpResponseMessage events = await host.Client.GetAsync("/kzid/egov-mobile/sessions/" + session.SessionId + "/events");
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType!.MediaType);
        string stream = await events.Content.ReadAsStringAsync();
        Assert.StartsWith("event: status\ndata: {\"state\":\"accepted\"", stream, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", stream, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_qr_code_is_rendered_as_svg_and_png_for_a_pending_session_only()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        EGovMobileSigningSession session = await host.StartSessionAsync();

        using HttpResponseMessage svg = await host.Client.GetAsync("/kzid/egov-mobile/sessions/" + session.SessionId + "/qr.svg");
        using HttpResponseMessage png = await host.Client.GetAsync("/kzid/egov-mobile/sessions/" + session.SessionId + "/qr.png");

        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        var svgDocument = System.Xml.Linq.XDocument.Parse(await svg.Content.ReadAsStringAsync());
        Assert.Equal("svg", svgDocument.Root!.Name.LocalName);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        byte[] image = await png.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, image[..8]);
        Assert.Equal(QrPng.Decode(image), session.QrPayload);

        host.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/kzid/egov-mobile/sessions/" + session.SessionId + "/qr.svg")).StatusCode);
    }

    [Fact]
    public async Task Options_without_a_public_base_url_or_bin_fail_at_start()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => EGovMobileHost.StartAsync(configure: o =>
        {
            o.PublicBaseUrl = null;
            o.OrganisationBin = "12";
        }));
        Assert.Contains("PublicBaseUrl", ex.Message, StringComparison.Ordinal);
        Assert.Contains("OrganisationBin", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "ru")]
    [InlineData("kk", "kk")]
    [InlineData("kz-KZ,ru;q=0.5", "kk")]
    [InlineData("ru;q=0.4, en;q=0.8", "en")]
    [InlineData("de-DE", "ru")]
    public void The_language_follows_accept_language(string? header, string expected) =>
        Assert.Equal(expected, EGovMobileMessages.Language(header));

    private static byte[] SignatureOf(string answer, EGovMobileSignMethod method)
    {
        JsonNode document = JsonNode.Parse(answer)!["documentsToSign"]![0]!;
        return method == EGovMobileSignMethod.Xml
            ? System.Text.Encoding.UTF8.GetBytes(document["documentXml"]!.GetValue<string>())
            : Convert.FromBase64String(document["document"]!["file"]!["data"]!.GetValue<string>());
    }

    private static byte[] ServedContent(EGovMobileSimulatorResult phone) =>
        Convert.FromBase64String(JsonNode.Parse(phone.Served!)!["documentsToSign"]![0]!["document"]!["file"]!["data"]!.GetValue<string>());
}
