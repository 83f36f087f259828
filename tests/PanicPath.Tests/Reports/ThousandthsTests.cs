using System.Buffers;
using System.Text;
using System.Text.Json;
using PanicPath.Reports;

namespace PanicPath.Tests.Reports;

/// <summary>A report time written from its thousandths is the very text the JSON writer gives its double.</summary>
public sealed class ThousandthsTests
{
    [Fact]
    public void A_time_is_written_as_the_json_writer_writes_its_milliseconds_as_a_double()
    {
        var random = new Random(1307);
        var values = new List<long> { 0, 1, 9, 10, 99, 100, 999, 1000, 1001, 1010, 1100, 12_345, 60_000, 999_999_999, 123_456_789_012, 999_999_999_999_999, 1_000_000_000_000_000, 1_000_000_000_000_001 };
        for (var i = 0; i < 20_000; i++)
        {
            values.Add(random.NextInt64(0, i % 2 == 0 ? 100_000 : 10_000_000_000_000));
        }

        foreach (var value in values)
        {
            Assert.Equal(Written(json => json.WriteNumber("t", Thousandths.Milliseconds(value))), Written(json => Thousandths.Write(json, JsonEncodedText.Encode("t"), value)));
        }
    }

    [Fact]
    public void Rounding_to_thousandths_is_rounding_the_milliseconds_to_three_decimals()
    {
        var random = new Random(1308);
        foreach (var ms in new[] { 0, 0.0005, 0.0015, 1.2345, 2.5e-4 }.Concat(Enumerable.Range(0, 20_000).Select(_ => random.NextDouble() * Math.Pow(10, random.Next(-4, 9)))))
        {
            Assert.Equal(Math.Round(ms, 3), Thousandths.Milliseconds(Thousandths.Of(ms)));
        }
    }

    private static string Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
