using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Kz.MicroCredit.Identity.Eds;
using Kz.MicroCredit.Identity.Signing;
using Kz.MicroCredit.Identity.SigningChannels;
using Kz.MicroCredit.Identity.Testing.SigningChannels;
using Xunit;

namespace Kz.MicroCredit.Identity.AspNetCore.Tests.SigningChannels;

/// <summary>Sessions over a list of documents: the challenge and the lender's documents, each bound to what was served.</summary>
public sealed class EGovMobileDocumentListTests
{
    internal const string Agreement = "<loanAgreement xmlns=\"urn:example:loan\" number=\"L-2026-001\"><amount currency=\"KZT\">150000</amount><term>30</term><borrower>the applicant</borrower></loanAgreement>";

    internal static readonly byte[] Schedule = Encoding.UTF8.GetBytes("%PDF-1.4 repayment schedule: 30 days, 150000 KZT");

    internal static EGovMobileSigningRequest Request(EGovMobileSignMethod challenge, params EGovMobileDocument[] documents)
    {
        var request = new EGovMobileSigningRequest(EGovMobileHost.Borrower, IdentificationOperation.AgreementSigning) { ChallengeSignMethod = challenge };
        foreach (EGovMobileDocument document in documents)
        {
            request.Documents.Add(document);
        }

        return request;
    }

    internal static EGovMobileDocument AgreementXml() => EGovMobileDocument.Xml(Agreement, "Договор займа", "Қарыз шарты", "Loan agreement");

    internal static EGovMobileDocument SchedulePdf(EGovMobileSignMethod method) => EGovMobileDocument.Cms(Schedule, "application/pdf", method, "График погашения", "Өтеу кестесі", "Repayment schedule");

    public static TheoryData<EGovMobileSignMethod, EGovMobileSignMethod?, EGovMobileSignMethod?, string> Layouts => new()
    {
        { EGovMobileSignMethod.Xml, EGovMobileSignMethod.Xml, null, "XML" },
        { EGovMobileSignMethod.CmsWithData, null, EGovMobileSignMethod.CmsWithData, "CMS_WITH_DATA" },
        { EGovMobileSignMethod.CmsSignOnly, null, EGovMobileSignMethod.CmsSignOnly, "CMS_SIGN_ONLY" },
        { EGovMobileSignMethod.Xml, EGovMobileSignMethod.Xml, EGovMobileSignMethod.CmsWithData, "MIX_SIGN" },
        { EGovMobileSignMethod.CmsWithData, EGovMobileSignMethod.Xml, EGovMobileSignMethod.CmsSignOnly, "MIX_SIGN" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Every_document_is_served_signed_verified_and_kept_and_the_challenge_identifies(EGovMobileSignMethod challenge, EGovMobileSignMethod? xml, EGovMobileSignMethod? cms, string wire)
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        INcaSigner signer = host.Pki.IssueIndividual(EGovMobileHost.Borrower, "ТЕСТОВ", "ТЕСТ");
        var documents = new List<EGovMobileDocument>();
        if (xml is not null)
        {
            documents.Add(AgreementXml());
        }

        if (cms is { } method)
        {
            documents.Add(SchedulePdf(method));
        }

        EGovMobileSigningSession session = await host.Signing.StartAsync(Request(challenge, [.. documents]));

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, signer);

        Assert.True(phone.Accepted, phone.ToString());
        JsonNode served = JsonNode.Parse(phone.Served!)!;
        Assert.Equal(wire, served["signMethod"]!.GetValue<string>());
        JsonArray list = served["documentsToSign"]!.AsArray();
        Assert.Equal(Enumerable.Range(1, documents.Count + 1), list.Select(d => d!["id"]!.GetValue<int>()));
        if (xml is not null)
        {
            Assert.Equal(Agreement, list[1]!["documentXml"]!.GetValue<string>());
            Assert.Equal("Договор займа", list[1]!["nameRu"]!.GetValue<string>());
        }

        if (cms is not null)
        {
            Assert.Equal("application/pdf", list[^1]!["document"]!["file"]!["mime"]!.GetValue<string>());
            Assert.Equal(Schedule, Convert.FromBase64String(list[^1]!["document"]!["file"]!["data"]!.GetValue<string>()));
        }

        IReadOnlyList<EGovMobileSignedDocument> signed = (await host.Signing.GetSignedDocumentsAsync(session.SessionId))!;
        Assert.Equal(documents.Count + 1, signed.Count);
        Assert.True(signed[0].IsChallenge);
        Assert.All(signed.Skip(1), d => Assert.False(d.IsChallenge));
        JsonArray answered = JsonNode.Parse(phone.Answer!)!["documentsToSign"]!.AsArray();
        for (int i = 0; i < signed.Count; i++)
        {
            // Kept byte for byte as the phone answered them.
            JsonNode a = answered[i]!;
            byte[] expected = a["documentXml"] is { } x ? Encoding.UTF8.GetBytes(x.GetValue<string>()) : Convert.FromBase64String(a["document"]!["file"]!["data"]!.GetValue<string>());
            Assert.Equal(expected, signed[i].Signature.ToArray());
            Assert.Equal(i + 1, signed[i].Id);
        }

        if (cms is not null)
        {
            Assert.Equal(Schedule, signed[^1].Content.ToArray());
        }

        NcaEdsEvidence evidence = (await host.Signing.GetEvidenceAsync(session.SessionId))!;
        Assert.Equal(signed[0].Signature.ToArray(), evidence.Signature.ToArray());
        IdentificationResult identified = await host.IdentifyAsync(evidence);
        Assert.True(identified.IsVerified, identified.ToString());
    }

    [Theory]
    [InlineData(EGovMobileSimulatorFault.DropDocument, EGovMobileSignMethod.Xml, 400)]
    [InlineData(EGovMobileSimulatorFault.AddDocument, EGovMobileSignMethod.Xml, 400)]
    [InlineData(EGovMobileSimulatorFault.ReorderDocuments, EGovMobileSignMethod.Xml, 400)]
    [InlineData(EGovMobileSimulatorFault.ChangeLastDocument, EGovMobileSignMethod.Xml, 400)]
    [InlineData(EGovMobileSimulatorFault.DropDocument, EGovMobileSignMethod.CmsWithData, 400)]
    [InlineData(EGovMobileSimulatorFault.AddDocument, EGovMobileSignMethod.CmsSignOnly, 400)]
    [InlineData(EGovMobileSimulatorFault.ReorderDocuments, EGovMobileSignMethod.CmsWithData, 400)]
    [InlineData(EGovMobileSimulatorFault.ChangeLastDocument, EGovMobileSignMethod.CmsWithData, 400)]
    [InlineData(EGovMobileSimulatorFault.ChangeLastDocument, EGovMobileSignMethod.CmsSignOnly, 422)]
    [InlineData(EGovMobileSimulatorFault.ChangeDocuments, EGovMobileSignMethod.Xml, 400)]
    public async Task A_changed_missing_extra_or_reordered_document_is_refused_and_nothing_is_kept(EGovMobileSimulatorFault fault, EGovMobileSignMethod lenderMethod, int expected)
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        INcaSigner signer = host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б");
        EGovMobileDocument document = lenderMethod == EGovMobileSignMethod.Xml ? AgreementXml() : SchedulePdf(lenderMethod);
        EGovMobileSigningSession session = await host.Signing.StartAsync(Request(lenderMethod, document, document with { NameEn = "Second copy" }));
        host.Simulator.Language = "en";

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, signer, fault);

        Assert.Equal(("api2-put", expected), (phone.Step, phone.StatusCode));
        Assert.Equal(expected == 400 ? "The signed documents differ from the ones sent." : "The signature was not accepted.", phone.Message);
        Assert.Null(await host.Signing.GetEvidenceAsync(session.SessionId));
        Assert.Null(await host.Signing.GetSignedDocumentsAsync(session.SessionId));
        EGovMobileSigningStatus status = (await host.Signing.GetStatusAsync(session.SessionId))!;
        // A detached CMS over changed content is a signature the engine rejects (the session closes Rejected); the
        // rest are refused before the engine and leave the session open.
        Assert.Equal(expected == 422 ? EGovMobileSessionState.Rejected : EGovMobileSessionState.Pending, status.State);
    }

    [Fact]
    public async Task A_lender_document_signed_by_another_person_is_a_veto_for_the_whole_answer()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        host.Simulator.AnotherSigner = host.Pki.IssueIndividual(EGovMobileHost.Other, "ДРУГОЙ", "ЧЕЛОВЕК");
        EGovMobileSigningSession session = await host.Signing.StartAsync(Request(EGovMobileSignMethod.Xml, AgreementXml()));

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"), EGovMobileSimulatorFault.SignLastDocumentWithAnotherKey);

        Assert.Equal((403, "Подписант не совпадает с заявителем."), (phone.StatusCode, phone.Message));
        EGovMobileSigningStatus status = (await host.Signing.GetStatusAsync(session.SessionId))!;
        Assert.Equal(EGovMobileSessionState.Rejected, status.State);
        Assert.Contains(ReasonCode.IinMismatch.Value, status.Reasons);
        Assert.Null(await host.Signing.GetEvidenceAsync(session.SessionId));
        Assert.Null(await host.Signing.GetSignedDocumentsAsync(session.SessionId));
    }

    [Fact]
    public async Task A_lender_document_answered_with_the_challenge_signature_is_refused()
    {
        // The phone answers, for the agreement, a valid XML signed by the borrower — but over the challenge, not the agreement.
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();
        INcaSigner signer = host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б");
        EGovMobileSigningSession session = await host.Signing.StartAsync(Request(EGovMobileSignMethod.Xml, AgreementXml()));
        JsonNode api1 = JsonNode.Parse(await host.Client.GetStringAsync(session.Api1Url))!;
        string uri = api1["document"]!["uri"]!.GetValue<string>();
        string token = api1["document"]!["auth_token"]!.GetValue<string>();
        using var get = new HttpRequestMessage(HttpMethod.Get, uri);
        get.Headers.Authorization = new("Bearer", token);
        JsonNode documents = JsonNode.Parse(await (await host.Client.SendAsync(get)).Content.ReadAsStringAsync())!;
        string challenge = await NcaXmlSigner.SignEnvelopedAsync(documents["documentsToSign"]![0]!["documentXml"]!.GetValue<string>(), signer);
        documents["documentsToSign"]![0]!["documentXml"] = challenge;
        documents["documentsToSign"]![1]!["documentXml"] = challenge;

        using var put = new HttpRequestMessage(HttpMethod.Put, uri) { Content = new StringContent(documents.ToJsonString(), Encoding.UTF8, "application/json") };
        put.Headers.Authorization = new("Bearer", token);
        using HttpResponseMessage response = await host.Client.SendAsync(put);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Подписанные документы отличаются от отправленных.", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
        Assert.Equal(EGovMobileSessionState.Pending, (await host.Signing.GetStatusAsync(session.SessionId))!.State);
    }

    [Fact]
    public async Task Documents_that_cannot_be_served_are_refused_at_start_naming_what_is_wrong()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync();

        ArgumentException notXml = await Assert.ThrowsAsync<ArgumentException>(() => host.Signing.StartAsync(Request(EGovMobileSignMethod.Xml, EGovMobileDocument.Xml("<a><b></a>", "a", "b", "c"))));
        ArgumentException unnamed = await Assert.ThrowsAsync<ArgumentException>(() => host.Signing.StartAsync(Request(EGovMobileSignMethod.Xml, AgreementXml() with { NameKz = " " })));
        ArgumentException tooLarge = await Assert.ThrowsAsync<ArgumentException>(() => host.Signing.StartAsync(Request(EGovMobileSignMethod.Xml, SchedulePdf(EGovMobileSignMethod.CmsWithData) with { Content = new byte[200 * 1024] })));
        ArgumentException tooMany = await Assert.ThrowsAsync<ArgumentException>(() => host.Signing.StartAsync(Request(EGovMobileSignMethod.Xml, [.. Enumerable.Repeat(SchedulePdf(EGovMobileSignMethod.CmsWithData), EGovMobileSigningRequest.MaxDocuments + 1)])));

        Assert.Contains("Document 2 is not a well-formed XML document", notXml.Message, StringComparison.Ordinal);
        Assert.Contains("Document 2 needs its names", unnamed.Message, StringComparison.Ordinal);
        Assert.Contains("MaxAnswerBytes", tooLarge.Message, StringComparison.Ordinal);
        Assert.Contains("at most 16 documents", tooMany.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => EGovMobileDocument.Cms(Schedule, "application/pdf", EGovMobileSignMethod.Xml, "a", "b", "c"));
    }

    [Fact]
    public async Task A_document_the_engine_could_not_read_is_refused_at_start_naming_the_eds_limit()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(configure: o => o.MaxAnswerBytes = 8 * 1024 * 1024);

        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => host.Signing.StartAsync(Request(EGovMobileSignMethod.Xml, SchedulePdf(EGovMobileSignMethod.CmsWithData) with { Content = new byte[2 * 1024 * 1024] })));

        Assert.Contains("NcaEdsOptions.MaxInputBytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_single_challenge_start_still_serves_one_document_exactly_as_before()
    {
        await using EGovMobileHost host = await EGovMobileHost.StartAsync(EGovMobileSignMethod.CmsWithData);
        EGovMobileSigningSession session = await host.Signing.StartAsync(new EGovMobileSigningRequest(EGovMobileHost.Borrower, IdentificationOperation.AgreementSigning));

        EGovMobileSimulatorResult phone = await host.Simulator.SignAsync(session.QrPayload, host.Pki.IssueIndividual(EGovMobileHost.Borrower, "А", "Б"));

        Assert.True(phone.Accepted);
        Assert.Equal("CMS_WITH_DATA", phone.SignMethod);
        IReadOnlyList<EGovMobileSignedDocument> signed = (await host.Signing.GetSignedDocumentsAsync(session.SessionId))!;
        EGovMobileSignedDocument only = Assert.Single(signed);
        Assert.True(only.IsChallenge);
        Assert.Equal((await host.Signing.GetEvidenceAsync(session.SessionId))!.Signature.ToArray(), only.Signature.ToArray());
    }
}
