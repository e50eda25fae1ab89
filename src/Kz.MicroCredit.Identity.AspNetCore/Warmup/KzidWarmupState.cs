namespace Kz.MicroCredit.Identity.AspNetCore;

/// <summary>Where warm-up stands; read by the readiness check.</summary>
internal sealed class KzidWarmupState
{
    private volatile bool _completed;

    public bool Completed => _completed;

    public int TrustAnchors { get; private set; }

    public int CrlsLoaded { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public void Complete(int anchors, int crls, IReadOnlyList<string> problems)
    {
        TrustAnchors = anchors;
        CrlsLoaded = crls;
        Problems = problems;
        _completed = true;
    }
}
