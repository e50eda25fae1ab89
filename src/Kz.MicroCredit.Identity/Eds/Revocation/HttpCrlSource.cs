using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kz.MicroCredit.Identity.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kz.MicroCredit.Identity.Eds;

/// <summary>
/// Downloads CRLs from pinned endpoints, verifies them against the issuer on arrival, keeps only the compact index and
/// metadata (the raw CRL is released), and serves them until nextUpdate (or the refresh interval), refreshing in the
/// background with <see cref="TimeProvider"/> timers.
/// </summary>
/// <remarks>
/// A failed refresh keeps the previous CRL: a stale CRL still
/// revokes what it lists (the evaluator decides what it proves). Background refreshes end with the host
/// (<see cref="StopBackgroundRefreshAsync"/>): an outbound call still in flight when the container is disposed would
/// hold up the resilience pipeline's disposal, which waits for it on the application's <see cref="TimeProvider"/>.
/// </remarks>
internal sealed class HttpCrlSource : IDisposable
{
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly IOptionsMonitor<RevocationOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HttpCrlSource> _logger;
    private readonly ConcurrentDictionary<Uri, Entry> _entries = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _backgroundRefreshes = new();
    private volatile bool _disposed;

    public HttpCrlSource(IHttpClientFactory httpClientFactory, IOptionsMonitor<RevocationOptions> options, TimeProvider timeProvider, ILogger<HttpCrlSource> logger)
    {
        _httpClientFactory = httpClientFactory;
        _options = options;
        _time = timeProvider;
        _logger = logger;
    }

    public async Task<CrlLookup> FindAsync(X509Certificate2 issuer, RevocationIssuerOptions pinned, CancellationToken cancellationToken)
    {
        var lookup = new CrlLookup();
        foreach (Uri url in pinned.CrlUrls.Concat(pinned.DeltaCrlUrls))
        {
            (VerifiedCrl? crl, ReasonCode? failure) = await GetAsync(url, issuer, cancellationToken).ConfigureAwait(false);
            if (failure is { } f)
            {
                lookup.Fail(f);
            }

            if (crl is not null)
            {
                (crl.Document.IsDelta ? lookup.Deltas : lookup.Bases).Add(crl);
            }
        }

        return lookup;
    }

    /// <summary>What is in memory per CRL endpoint, for health checks and the CRL-age gauge.</summary>
    public IReadOnlyList<CrlSnapshot> Snapshot() =>
        _entries.Select(e => new CrlSnapshot(e.Key, e.Value.Crl?.Document.ThisUpdate, e.Value.Crl?.Document.NextUpdate, e.Value.LastFailure)).ToArray();

    /// <summary>
    /// Stops scheduling refreshes, cancels those in flight and waits until they have returned, so that no outbound
    /// call outlives the host. Lookups keep working (they fetch on demand).
    /// </summary>
    public async Task StopBackgroundRefreshAsync(CancellationToken cancellationToken)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (Entry entry in _entries.Values)
        {
            entry.Timer?.Dispose();
        }

        await Task.WhenAll(_backgroundRefreshes.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _disposed = true;
        _stopping.Cancel();
        foreach (Entry entry in _entries.Values)
        {
            entry.Timer?.Dispose();
            entry.Gate.Dispose();
        }

        _stopping.Dispose();
    }

    private async Task<(VerifiedCrl? Crl, ReasonCode? Failure)> GetAsync(Uri url, X509Certificate2 issuer, CancellationToken cancellationToken)
    {
        Entry entry = _entries.GetOrAdd(url, _ => new Entry());
        string thumbprint = issuer.GetCertHashString(HashAlgorithmName.SHA256);
        if (!IsDue(entry, thumbprint))
        {
            return (entry.Crl, entry.LastFailure);
        }

        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsDue(entry, thumbprint))
            {
                await RefreshAsync(url, entry, issuer, cancellationToken).ConfigureAwait(false);
            }

            return (entry.IssuerThumbprint == thumbprint ? entry.Crl : null, entry.LastFailure);
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    private bool IsDue(Entry entry, string thumbprint)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (entry.IssuerThumbprint != thumbprint)
        {
            return true;
        }

        return now >= entry.DueAt;
    }

    private async Task RefreshAsync(Uri url, Entry entry, X509Certificate2 issuer, CancellationToken cancellationToken)
    {
        RevocationOptions o = _options.CurrentValue;
        string name = url.GetLeftPart(UriPartial.Path);
        DateTimeOffset now = _time.GetUtcNow();
        HttpClient client = _httpClientFactory.CreateClient(RevocationHttp.CrlClientName);
        RemoteCallResult<ReadOnlyMemory<byte>> body = await RevocationHttp.GetAsync(client, url, o.MaxCrlBytes, cancellationToken).ConfigureAwait(false);
        ReasonCode? failure = null;
        CrlDocument? doc = null;
        if (!body.Succeeded)
        {
            // Too large, malformed while arriving, or a redirect (never followed: the URL is pinned) break the protocol.
            failure = body.IsProtocolError ? ReasonCode.CrlMalformed : ReasonCode.CrlUnavailable;
        }
        else
        {
            try
            {
                doc = CrlDocument.Parse(body.Value);
                if (!doc.IsIssuedBy(issuer))
                {
                    failure = ReasonCode.CrlSignatureInvalid;
                    doc = null;
                }
            }
            catch (CrlFormatException)
            {
                failure = ReasonCode.CrlMalformed;
            }
        }

        string thumbprint = issuer.GetCertHashString(HashAlgorithmName.SHA256);
        if (doc is null)
        {
            RevocationLog.CrlFailed(_logger, name, failure!.Value.Value);
            entry.LastFailure = failure;
            if (entry.IssuerThumbprint != thumbprint)
            {
                entry.Crl = null;
                entry.IssuerThumbprint = thumbprint;
            }

            entry.DueAt = now + o.CrlRetryAfterFailure;
            entry.Issuer = issuer;
            Schedule(url, entry, o.CrlRetryAfterFailure);
            return;
        }

        doc.ReleaseContent();
        entry.Crl = new VerifiedCrl(doc, name);
        entry.IssuerThumbprint = thumbprint;
        entry.Issuer = issuer;
        entry.LastFailure = null;
        DateTimeOffset due = now + o.CrlRefreshInterval;
        if (doc.NextUpdate is { } next && next > now && next < due)
        {
            due = next;
        }

        entry.DueAt = due;
        RevocationLog.CrlLoaded(_logger, name, doc.Index.Count, doc.CrlNumber?.ToString(CultureInfo.InvariantCulture) ?? "-", doc.NextUpdate);
        Schedule(url, entry, due - now);
    }

    private void Schedule(Uri url, Entry entry, TimeSpan due)
    {
        if (_disposed || _stopping.IsCancellationRequested || !_options.CurrentValue.CrlBackgroundRefresh)
        {
            return;
        }

        if (due < TimeSpan.FromSeconds(1))
        {
            due = TimeSpan.FromSeconds(1);
        }

        entry.Timer?.Dispose();
        entry.Timer = _time.CreateTimer(_ => Track(BackgroundRefreshAsync(url, entry)), null, due, Timeout.InfiniteTimeSpan);
        RevocationLog.CrlRefreshScheduled(_logger, url.GetLeftPart(UriPartial.Path), due);
    }

    private void Track(Task refresh)
    {
        if (refresh.IsCompleted)
        {
            return;
        }

        _backgroundRefreshes.TryAdd(refresh, 0);
        _ = refresh.ContinueWith(static (t, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(t, out _), _backgroundRefreshes, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task BackgroundRefreshAsync(Uri url, Entry entry)
    {
        if (_disposed || entry.Issuer is not { } issuer)
        {
            return;
        }

        CancellationToken stopping;
        try
        {
            stopping = _stopping.Token;
            await entry.Gate.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException)
        {
            return;
        }

        try
        {
            if (!_disposed)
            {
                await RefreshAsync(url, entry, issuer, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The host is stopping: the CRL in memory stays as it was.
        }
#pragma warning disable CA1031 // a background refresh never crashes the process; the next request retries
        catch (Exception e)
#pragma warning restore CA1031
        {
            RevocationLog.CrlFailed(_logger, url.GetLeftPart(UriPartial.Path), e.GetType().Name);
        }
        finally
        {
            try
            {
                entry.Gate.Release();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public VerifiedCrl? Crl { get; set; }

        public string? IssuerThumbprint { get; set; }

        public X509Certificate2? Issuer { get; set; }

        public DateTimeOffset DueAt { get; set; }

        public ReasonCode? LastFailure { get; set; }

        public ITimer? Timer { get; set; }
    }
}
