using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kz.MicroCredit.Identity.Signing;

namespace Kz.MicroCredit.Identity.Testing.SigningChannels;

/// <summary>
/// Plays the eGov mobile app against a lender's cross-signing endpoints: given the QR payload
/// (<c>mobileSign:&lt;API 1 URL&gt;</c>) it fetches API 1, then API 2 with the token, signs the documents with a sandbox
/// key as the app would (XML, CMS with or without data; RSA or GOST by the key) and answers with PUT, optionally doing
/// one thing wrong (<see cref="EGovMobileSimulatorFault"/>). For tests and samples only.
/// </summary>
public sealed partial class EGovMobileSimulator
{
    private const string QrPrefix = "mobileSign:";
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new instance of the <see cref="EGovMobileSimulator"/> class.</summary>
    /// <param name="http">The client the phone uses (e.g. a test server's client); absolute URLs are taken from the payload.</param>
    /// <param name="timeProvider">The clock for CMS signing times; the system clock by default.</param>
    public EGovMobileSimulator(HttpClient http, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets or sets the Accept-Language the app sends.</summary>
    /// <value>The default value is <c>ru</c>.</value>
    public string Language { get; set; } = "ru";

    /// <summary>Gets or sets how many answers <see cref="EGovMobileSimulatorFault.ConcurrentAnswers"/> sends at once.</summary>
    /// <value>The default value is 8.</value>
    public int ConcurrentAnswerCount { get; set; } = 8;

    /// <summary>Gets or sets the size of an oversized body.</summary>
    /// <value>The default value is 9 MiB (above the service's largest allowed cap).</value>
    public int OversizedBodyBytes { get; set; } = 9 * 1024 * 1024;

    /// <summary>Gets or sets a second key (another person's, or another key of the borrower) for the faults that use one.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public INcaSigner? AnotherSigner { get; set; }

    /// <summary>Gets or sets a hook run after the documents are signed and before the answer is sent (e.g. to move a fake clock).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<CancellationToken, Task>? BeforeAnswer { get; set; }

    /// <summary>Scans the QR payload and signs as the app does.</summary>
    /// <param name="qrPayload">The QR text.</param>
    /// <param name="signer">The borrower's key (from <c>SandboxPki</c>).</param>
    /// <param name="fault">What to do wrong.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>What the service answered.</returns>
    public async Task<EGovMobileSimulatorResult> SignAsync(string qrPayload, INcaSigner signer, EGovMobileSimulatorFault fault = EGovMobileSimulatorFault.None, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(qrPayload);
        ArgumentNullException.ThrowIfNull(signer);
        if (!qrPayload.StartsWith(QrPrefix, StringComparison.Ordinal) || !Uri.TryCreate(qrPayload[QrPrefix.Length..], UriKind.Absolute, out Uri? api1))
        {
            throw new ArgumentException("The QR payload is not 'mobileSign:' followed by an absolute URL.", nameof(qrPayload));
        }

        (HttpStatusCode status, JsonNode? metadata, string? message) = await SendAsync(HttpMethod.Get, api1, null, null, cancellationToken).ConfigureAwait(false);
        if (status != HttpStatusCode.OK)
        {
            return new EGovMobileSimulatorResult("api1", (int)status, message, [], null);
        }

        if (fault == EGovMobileSimulatorFault.ReuseQrCode)
        {
            (status, _, message) = await SendAsync(HttpMethod.Get, api1, null, null, cancellationToken).ConfigureAwait(false);
            return new EGovMobileSimulatorResult("api1", (int)status, message, [], null);
        }

        var api2 = new Uri(metadata!["document"]!["uri"]!.GetValue<string>());
        string authType = metadata["document"]!["auth_type"]?.GetValue<string>() ?? "Token";
        string? token = authType == "Token" ? metadata["document"]!["auth_token"]!.GetValue<string>() : null;
        JsonNode? documents;
        if (authType == "Eds" && fault != EGovMobileSimulatorFault.EdsSkipSignIn)
        {
            (status, documents, message) = await SignInAsync(api2, signer, fault, cancellationToken).ConfigureAwait(false);
            if (status != HttpStatusCode.OK)
            {
                return new EGovMobileSimulatorResult("api2-auth", (int)status, message, [], null);
            }
        }
        else
        {
            (status, documents, message) = await SendAsync(HttpMethod.Get, api2, token, null, cancellationToken).ConfigureAwait(false);
            if (status != HttpStatusCode.OK)
            {
                return new EGovMobileSimulatorResult("api2-get", (int)status, message, [], null);
            }
        }

        string served = documents!.ToJsonString();
        string signMethod = documents["signMethod"]!.GetValue<string>();
        JsonArray list = documents["documentsToSign"]!.AsArray();
        for (int i = 0; i < list.Count; i++)
        {
            bool last = i == list.Count - 1;
            INcaSigner key = (fault == EGovMobileSimulatorFault.EdsAnswerWithAnotherKey || (fault == EGovMobileSimulatorFault.SignLastDocumentWithAnotherKey && last)) ? Another() : signer;
            await SignDocumentAsync(list[i]!, signMethod, key, fault, last, cancellationToken).ConfigureAwait(false);
        }

        ApplyListFault(list, fault);

        if (BeforeAnswer is { } hook)
        {
            await hook(cancellationToken).ConfigureAwait(false);
        }

        string? answerToken = fault switch
        {
            EGovMobileSimulatorFault.MissingToken => string.Empty,
            EGovMobileSimulatorFault.WrongToken => token is { Length: > 1 } ? "X" + token[1..] : "X",
            _ => token,
        };
        Func<HttpContent> body = fault switch
        {
            EGovMobileSimulatorFault.MalformedBody => () => new StringContent("{\"signMethod\": [not json", Encoding.UTF8, "application/json"),
            EGovMobileSimulatorFault.OversizedBody => () => new ByteArrayContent(Oversized()),
            EGovMobileSimulatorFault.OversizedStreamedBody => () => new StreamContent(new UnknownLengthStream(Oversized())),
            _ => () => new StringContent(documents.ToJsonString(), Encoding.UTF8, "application/json"),
        };

        var codes = new List<int>();
        if (fault == EGovMobileSimulatorFault.ConcurrentAnswers)
        {
            Task<(HttpStatusCode Status, JsonNode? Json, string? Message)>[] answers = [.. Enumerable.Range(0, ConcurrentAnswerCount).Select(_ => Task.Run(() => SendAsync(HttpMethod.Put, api2, answerToken, body(), cancellationToken), cancellationToken))];
            (HttpStatusCode Status, JsonNode? Json, string? Message)[] results = await Task.WhenAll(answers).ConfigureAwait(false);
            codes.AddRange(results.Select(r => (int)r.Status));
            (HttpStatusCode Status, JsonNode? Json, string? Message) first = results.FirstOrDefault(r => r.Status == HttpStatusCode.OK);
            first = first.Status == 0 ? results[0] : first;
            return new EGovMobileSimulatorResult("api2-put", (int)first.Status, first.Message, codes, signMethod, served, documents.ToJsonString());
        }

        (status, _, message) = await SendAsync(HttpMethod.Put, api2, answerToken, body(), cancellationToken).ConfigureAwait(false);
        codes.Add((int)status);
        if (fault == EGovMobileSimulatorFault.AnswerTwice)
        {
            (HttpStatusCode second, _, _) = await SendAsync(HttpMethod.Put, api2, answerToken, body(), cancellationToken).ConfigureAwait(false);
            codes.Add((int)second);
        }

        return new EGovMobileSimulatorResult("api2-put", (int)status, message, codes, signMethod, served, documents.ToJsonString());
    }

    private async Task SignDocumentAsync(JsonNode document, string signMethod, INcaSigner signer, EGovMobileSimulatorFault fault, bool last, CancellationToken cancellationToken)
    {
        // MIX_SIGN: each document's form tells how to sign it (an XML document, or a file signed as a CMS with data).
        if (signMethod == "XML" || (signMethod == "MIX_SIGN" && document["documentXml"] is not null))
        {
            string xml = document["documentXml"]!.GetValue<string>();
            string toSign = fault == EGovMobileSimulatorFault.ChangeDocuments ? NonceAttribute().Replace(xml, "nonce=\"changed-by-the-phone\"", 1)
                : fault == EGovMobileSimulatorFault.ChangeLastDocument && last ? ChangeLastText(xml)
                : xml;
            string signed = await NcaXmlSigner.SignEnvelopedAsync(toSign, signer, cancellationToken).ConfigureAwait(false);
            if (fault == EGovMobileSimulatorFault.SignOtherData)
            {
                // A genuine signature value, but computed over another document: graft it onto the served one.
                string other = await NcaXmlSigner.SignEnvelopedAsync(NonceAttribute().Replace(xml, "nonce=\"other-data\"", 1), signer, cancellationToken).ConfigureAwait(false);
                signed = SignatureValue().Replace(signed, SignatureValue().Match(other).Value, 1);
            }

            document["documentXml"] = signed;
            return;
        }

        JsonNode file = document["document"]!["file"]!;
        byte[] data = Convert.FromBase64String(file["data"]!.GetValue<string>());
        bool detached = signMethod == "CMS_SIGN_ONLY";
        byte[] content = fault switch
        {
            EGovMobileSimulatorFault.ChangeDocuments => [.. data, .. " changed"u8],
            EGovMobileSimulatorFault.ChangeLastDocument when last => [.. data, .. " changed"u8],
            EGovMobileSimulatorFault.SignOtherData => "other data the borrower never saw"u8.ToArray(),
            _ => data,
        };
        byte[] cms = await new NcaCmsSigner(_time).SignAsync(signer, content, detached, cancellationToken).ConfigureAwait(false);
        file["data"] = Convert.ToBase64String(cms);
    }

    // auth_type Eds: POST to API 2 an XML naming the session (its API 2 URL), signed enveloped; the answer holds the documents.
    private async Task<(HttpStatusCode Status, JsonNode? Json, string? Message)> SignInAsync(Uri api2, INcaSigner signer, EGovMobileSimulatorFault fault, CancellationToken cancellationToken)
    {
        string named = fault switch
        {
            EGovMobileSimulatorFault.EdsSignInOverOtherData => "https://other.example/not-this-session",
            EGovMobileSimulatorFault.EdsSignInForAnotherSession => new Uri(api2, "another-session-id").AbsoluteUri,
            _ => api2.AbsoluteUri,
        };
        string login = "<login><url>" + System.Security.SecurityElement.Escape(named) + "</url><timeTicket>"
            + _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + "</timeTicket></login>";
        INcaSigner key = fault == EGovMobileSimulatorFault.EdsSignInWithAnotherKey ? Another() : signer;
        string signed = await NcaXmlSigner.SignEnvelopedAsync(login, key, cancellationToken).ConfigureAwait(false);
        var body = new JsonObject { ["xml"] = signed };
        return await SendAsync(HttpMethod.Post, api2, null, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), cancellationToken).ConfigureAwait(false);
    }

    private static void ApplyListFault(JsonArray list, EGovMobileSimulatorFault fault)
    {
        switch (fault)
        {
            case EGovMobileSimulatorFault.DropDocument:
                list.RemoveAt(list.Count - 1);
                break;
            case EGovMobileSimulatorFault.AddDocument:
                JsonNode extra = list[^1]!.DeepClone();
                extra["id"] = list.Count + 1;
                list.Add(extra);
                break;
            case EGovMobileSimulatorFault.ReorderDocuments when list.Count > 1:
                JsonNode first = list[0]!.DeepClone();
                list[0] = list[1]!.DeepClone();
                list[1] = first;
                break;
        }
    }

    // Changes the first text of the document (e.g. an amount in a loan agreement), or adds an attribute to its root.
    private static string ChangeLastText(string xml)
    {
        Match text = ElementText().Match(xml);
        return text.Success ? xml[..text.Index] + ">changed-by-the-phone<" + xml[(text.Index + text.Length)..] : RootEnd().Replace(xml, " changed=\"1\"$1", 1);
    }

    private INcaSigner Another() => AnotherSigner ?? throw new InvalidOperationException("Set AnotherSigner for this fault.");

    private async Task<(HttpStatusCode Status, JsonNode? Json, string? Message)> SendAsync(HttpMethod method, Uri uri, string? token, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.AcceptLanguage.ParseAdd(Language);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using HttpResponseMessage response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonNode? json = null;
        try
        {
            json = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            json = null;
        }

        string? message = response.IsSuccessStatusCode ? null : json?["message"]?.GetValue<string>();
        return (response.StatusCode, json, message);
    }

    private byte[] Oversized()
    {
        byte[] body = new byte[OversizedBodyBytes];
        body.AsSpan().Fill((byte)' ');
        body[0] = (byte)'{';
        body[^1] = (byte)'}';
        return body;
    }

    [GeneratedRegex(">[^<\\s][^<]*<")]
    private static partial Regex ElementText();

    [GeneratedRegex("(/?>)")]
    private static partial Regex RootEnd();

    [GeneratedRegex("nonce=\"[^\"]*\"")]
    private static partial Regex NonceAttribute();

    [GeneratedRegex("<(?:\\w+:)?SignatureValue[^>]*>[^<]*</(?:\\w+:)?SignatureValue>")]
    private static partial Regex SignatureValue();

    // Hides its length so that the client streams the body chunked, without a Content-Length.
    private sealed class UnknownLengthStream(byte[] data) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(count, Math.Min(data.Length - _position, 8192));
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
