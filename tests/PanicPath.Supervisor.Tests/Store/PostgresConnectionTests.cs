using PanicPath.Supervisor.Store;
using PanicPath.Supervisor.Tests.Support;

namespace PanicPath.Supervisor.Tests.Store;

public sealed class PostgresConnectionTests
{
    private const string Secret = "s3cret-pa55word";

    [Fact]
    public void A_server_that_refuses_the_connection_is_refused_with_its_reason_and_the_password_masked()
    {
        var connectionString = RefusedPort.ConnectionString(Secret);

        var error = Assert.Throws<PostgresStoreException>(() => PostgresDeathStore.Open(connectionString));

        Assert.Contains("refused", error.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.Contains("Password=***", error.Connection, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_that_is_not_valid_is_refused_naming_the_fault_and_masking_the_password()
    {
        var error = Assert.Throws<PostgresStoreException>(() => PostgresDeathStore.Open($"Host=127.0.0.1;Password={Secret};Colour=blue"));

        Assert.Contains("not valid", error.Reason, StringComparison.Ordinal);
        Assert.Contains("colour", error.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Database=panicpath")]
    public void A_connection_string_without_a_host_is_refused(string connectionString)
    {
        var error = Assert.Throws<PostgresStoreException>(() => PostgresDeathStore.Open(connectionString));

        Assert.Matches("empty|no Host", error.Reason);
    }

    [Theory]
    [InlineData("Host=h;Password=abc;Database=d", "Host=h;Password=***;Database=d")]
    [InlineData("host=h; pwd = abc", "host=h; pwd = ***")]
    [InlineData("PSW=abc;Host=h", "PSW=***;Host=h")]
    [InlineData("Host=h;Password='a;b''c';Database=d", "Host=h;Password=***;Database=d")]
    [InlineData("Host=h;Password=\"a;b\"\"c\"", "Host=h;Password=***")]
    [InlineData("Host=h;Database=d", "Host=h;Database=d")]
    public void Every_password_value_in_a_connection_string_is_masked(string text, string masked)
    {
        Assert.Equal(masked, ConnectionStringMask.Apply(text));
    }

    [Fact]
    public void A_known_password_is_masked_wherever_it_stands_in_a_message()
    {
        Assert.Equal("login with *** failed", ConnectionStringMask.Apply("login with hunter22 failed", "hunter22"));
    }
}
