using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Kz.MicroCredit.Identity.Eds;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.AspNetCore;

/// <summary>
/// A disk cache in front of the CRL download (a handler on the CRL HTTP client, so the fetcher itself is unchanged).
/// Each CRL is kept as <c>&lt;sha256(url)&gt;.crl</c> with a <c>.json</c> sidecar (URL, content hash, fetch time);
/// files are written to a temporary name and moved into place, so instances sharing the directory never read a half
/// file. On load the content hash and the CRL signature (by a CA of the trust store) are checked and a file that
/// fails either is refused and deleted.
/// </summary>
internal sealed class CrlCacheHandler(IOptionsMonitor<KzidWarmupOptions> warmup, IOptionsMonitor<RevocationOptions> revocation, IOptionsMonitor<NcaEdsOptions> eds, TimeProvider time, ILogger<CrlCacheHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? directory = warmup.CurrentValue.CrlCacheDirectory;
        if (string.IsNullOrEmpty(directory) || request.Method != HttpMethod.Get || request.RequestUri is not { } url)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        string name = url.GetLeftPart(UriPartial.Path);
        string basePath = Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.AbsoluteUri))));
        DateTimeOffset now = time.GetUtcNow();
        Cached? cached = Load(basePath, url, name, now);
        if (cached is not null && now - cached.FetchedAt < revocation.CurrentValue.CrlRefreshInterval)
        {
            WarmupLog.CacheHit(logger, name, "fresh");
            return Serve(cached);
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException) when (cached is not null)
        {
            WarmupLog.CacheHit(logger, name, "download failed, before nextUpdate");
            return Serve(cached);
        }

        if (!response.IsSuccessStatusCode)
        {
            if (cached is not null)
            {
                response.Dispose();
                WarmupLog.CacheHit(logger, name, "download failed, before nextUpdate");
                return Serve(cached);
            }

            return response;
        }

        return await StoreAsync(response, basePath, url, name, now, cancellationToken).ConfigureAwait(false);
    }

    private static HttpResponseMessage Serve(Cached cached) => new(HttpStatusCode.OK) { Content = new ByteArrayContent(cached.Content) };

    private Cached? Load(string basePath, Uri url, string name, DateTimeOffset now)
    {
        string crlPath = basePath + ".crl", metaPath = basePath + ".json";
        if (!File.Exists(crlPath) || !File.Exists(metaPath))
        {
            return null;
        }

        string? why;
        byte[] content = [];
        Sidecar? meta = null;
        try
        {
            meta = JsonSerializer.Deserialize<Sidecar>(File.ReadAllBytes(metaPath));
            content = File.ReadAllBytes(crlPath);
            why = Verify(meta, content, url, now);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            why = "unreadable (" + ex.GetType().Name + ")";
        }

        if (why is null && meta is not null)
        {
            return new Cached(content, meta.FetchedAt);
        }

        WarmupLog.CacheRefused(logger, name, why ?? "unreadable");
        TryDelete(crlPath);
        TryDelete(metaPath);
        return null;
    }

    /// <summary>Returns why a cached CRL is refused, or <see langword="null"/> when it verifies and is still current.</summary>
    private string? Verify(Sidecar? meta, byte[] content, Uri url, DateTimeOffset now)
    {
        if (meta is null || meta.Url != url.AbsoluteUri)
        {
            return "sidecar does not match the URL";
        }

        if (!string.Equals(meta.Sha256, Convert.ToHexStringLower(SHA256.HashData(content)), StringComparison.Ordinal))
        {
            return "content hash mismatch";
        }

        CrlDocument document;
        try
        {
            document = CrlDocument.Parse(content);
        }
        catch (CrlFormatException)
        {
            return "not a CRL";
        }

        NcaTrustStore trust = eds.CurrentValue.ResolveTrustStore();
        X509Certificate2[] cas = [.. trust.Anchors, .. trust.Intermediates];
        if (!cas.Any(document.IsIssuedBy))
        {
            return "signature does not verify with any CA of the trust store";
        }

        return document.NextUpdate is { } next && next <= now ? "past its nextUpdate" : null;
    }

    private async Task<HttpResponseMessage> StoreAsync(HttpResponseMessage response, string basePath, Uri url, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Bounded like the fetcher: a body over the limit is not cached and is handed on for the fetcher to refuse.
        long limit = revocation.CurrentValue.MaxCrlBytes;
        if (response.Content.Headers.ContentLength is { } declared && declared > limit)
        {
            return response;
        }

        byte[] content;
        using (response)
        {
            using var buffer = new MemoryStream();
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                byte[] chunk = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > limit)
                    {
                        return new HttpResponseMessage(HttpStatusCode.BadGateway);
                    }

                    buffer.Write(chunk, 0, read);
                }
            }

            content = buffer.ToArray();
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(basePath)!);
            string suffix = "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(basePath + ".crl" + suffix, content, cancellationToken).ConfigureAwait(false);
            byte[] meta = JsonSerializer.SerializeToUtf8Bytes(new Sidecar(url.AbsoluteUri, Convert.ToHexStringLower(SHA256.HashData(content)), now));
            await File.WriteAllBytesAsync(basePath + ".json" + suffix, meta, cancellationToken).ConfigureAwait(false);
            File.Move(basePath + ".crl" + suffix, basePath + ".crl", overwrite: true);
            File.Move(basePath + ".json" + suffix, basePath + ".json", overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            WarmupLog.CacheWriteFailed(logger, name, ex.GetType().Name);
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(content) };
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another instance may hold or have replaced it; the next load verifies again.
        }
    }

    private sealed record Cached(byte[] Content, DateTimeOffset FetchedAt);

    private sealed record Sidecar(string Url, string Sha256, DateTimeOffset FetchedAt);
}
