using Kz.MicroCredit.Identity.PhoneOwnership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Kz.MicroCredit.Identity.Tests.PhoneOwnership;

public sealed class PhoneConsentStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static PhoneConsentRecord Record(DateTimeOffset expiresAt) =>
        new(Iin.Parse("880912300763"), KzPhoneNumber.Parse("+77011234567"), "req-42", expiresAt, "m-1");

    [Fact]
    public async Task A_consent_is_found_by_its_handle_until_it_expires()
    {
        var clock = new FakeTimeProvider(Now);
        var store = new InMemoryPhoneConsentStore(clock);
        PhoneConsentRecord record = Record(Now.AddMinutes(5));
        string handle = await store.AddAsync(record);
        string other = await store.AddAsync(record);

        Assert.StartsWith("pc_", handle, StringComparison.Ordinal);
        Assert.Equal(3 + 32, handle.Length);
        Assert.NotEqual(handle, other);
        Assert.Equal(record, await store.GetAsync(handle));
        Assert.Null(await store.GetAsync("pc_" + new string('0', 32)));

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(await store.GetAsync(handle));
    }

    [Fact]
    public async Task Attempts_are_counted_atomically_and_a_removed_or_unknown_handle_counts_zero()
    {
        var store = new InMemoryPhoneConsentStore(new FakeTimeProvider(Now));
        string handle = await store.AddAsync(Record(Now.AddMinutes(5)));

        int[] attempts = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => store.IncrementAttemptsAsync(handle))));
        Assert.Equal(Enumerable.Range(1, 64), attempts.Order());

        await store.RemoveAsync(handle);
        Assert.Null(await store.GetAsync(handle));
        Assert.Equal(0, await store.IncrementAttemptsAsync(handle));
        Assert.Equal(0, await store.IncrementAttemptsAsync("pc_unknown"));
    }

    [Fact]
    public async Task Expired_consents_are_purged_when_a_new_one_is_added()
    {
        var clock = new FakeTimeProvider(Now);
        var store = new InMemoryPhoneConsentStore(clock);
        string old = await store.AddAsync(Record(Now.AddMinutes(1)));
        clock.Advance(TimeSpan.FromMinutes(2));
        await store.AddAsync(Record(clock.GetUtcNow().AddMinutes(5)));

        // Purged, not just hidden: counting an attempt on it finds nothing.
        Assert.Equal(0, await store.IncrementAttemptsAsync(old));
    }

    [Fact]
    public void The_record_prints_no_personal_data()
    {
        string text = Record(Now).ToString();
        Assert.DoesNotContain("880912300763", text, StringComparison.Ordinal);
        Assert.DoesNotContain("7011234567", text, StringComparison.Ordinal);
        Assert.DoesNotContain("req-42", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_registered_before_AddEGovPhoneOwnership_is_the_one_used()
    {
        var shared = new InMemoryPhoneConsentStore(TimeProvider.System);
        var services = new ServiceCollection();
        services.AddSingleton<IPhoneConsentStore>(shared);
        services.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.EGovPhoneOwnership))
            .AddEGovPhoneOwnership(o => o.DirectCheckServiceId = "PHONE_CHECK");
        using ServiceProvider provider = services.BuildServiceProvider();
        Assert.Same(shared, provider.GetRequiredService<IPhoneConsentStore>());

        var defaults = new ServiceCollection();
        defaults.AddBorrowerIdentification()
            .UsePolicy(IdentificationPolicy.ForMethod(IdentificationMethodId.EGovPhoneOwnership))
            .AddEGovPhoneOwnership(o => o.DirectCheckServiceId = "PHONE_CHECK");
        using ServiceProvider defaultProvider = defaults.BuildServiceProvider();
        Assert.IsType<InMemoryPhoneConsentStore>(defaultProvider.GetRequiredService<IPhoneConsentStore>());
    }
}
