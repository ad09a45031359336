using System.Diagnostics;
using ChatBot.Core;
using ChatBot.Search.Dates;

namespace ChatBot.Search.Tests.Dates;

/// <summary>Date phrases as historians write them, each with what it is normalised to and how precisely.</summary>
public sealed class DateExtractorTests
{
    [Theory]
    // days
    [InlineData("On November 4, 1964, a junta took power.", "November 4, 1964", "1964-11-04", DatePrecision.Day)]
    [InlineData("The junta took power on 4 November 1964.", "4 November 1964", "1964-11-04", DatePrecision.Day)]
    [InlineData("It fell on Nov. 4, 1964 in the morning.", "Nov. 4, 1964", "1964-11-04", DatePrecision.Day)]
    [InlineData("It fell on November 4th, 1964.", "November 4th, 1964", "1964-11-04", DatePrecision.Day)]
    [InlineData("It fell on the 4th of November 1964.", "4th of November 1964", "1964-11-04", DatePrecision.Day)]
    [InlineData("The record is dated 1964-11-04 in the archive.", "1964-11-04", "1964-11-04", DatePrecision.Day)]
    [InlineData("On December 5, 1963 left wing supporters resigned.", "December 5, 1963", "1963-12-05", DatePrecision.Day)]
    [InlineData("Leap day, February 29, 1964, passed quietly.", "February 29, 1964", "1964-02-29", DatePrecision.Day)]
    // months
    [InlineData("He ran in the May 1964 elections.", "May 1964", "1964-05", DatePrecision.Month)]
    [InlineData("The strike began in November of 1963.", "November of 1963", "1963-11", DatePrecision.Month)]
    [InlineData("Talks resumed in Sept. 1962.", "Sept. 1962", "1962-09", DatePrecision.Month)]
    // parts of a year
    [InlineData("The first volunteers arrived in early 1962.", "early 1962", "1962-01/1962-04", DatePrecision.Season)]
    [InlineData("Prices fell by mid-1962.", null, null, DatePrecision.Season)]
    [InlineData("Prices fell in mid-1962.", "mid-1962", "1962-05/1962-08", DatePrecision.Season)]
    [InlineData("The army grew in late 1963.", "late 1963", "1963-09/1963-12", DatePrecision.Season)]
    [InlineData("Riots broke out in the spring of 1962.", "spring of 1962", "1962-03/1962-05", DatePrecision.Season)]
    [InlineData("A drought came in summer 1962.", "summer 1962", "1962-06/1962-08", DatePrecision.Season)]
    [InlineData("They met in the fall of 1962.", "fall of 1962", "1962-09/1962-11", DatePrecision.Season)]
    [InlineData("The front froze in the winter of 1941–42.", "winter of 1941–42", "1941-12/1942-02", DatePrecision.Season)]
    [InlineData("Aid doubled in the first half of 1962.", "first half of 1962", "1962-01/1962-06", DatePrecision.Season)]
    [InlineData("At the end of 1964 the regime fell.", "end of 1964", "1964-09/1964-12", DatePrecision.Season)]
    // years
    [InlineData("The alliance had begun in 1942.", "1942", "1942", DatePrecision.Year)]
    [InlineData("The Bolivian National Revolution of 1952 changed the country.", "1952", "1952", DatePrecision.Year)]
    [InlineData("Caesar crossed the Rubicon in 49 BC.", "49 BC", "-0048", DatePrecision.Year)]
    [InlineData("The abbey was founded in AD 800.", "AD 800", "0800", DatePrecision.Year)]
    [InlineData("The map was drawn c. 1550 by a monk.", "c. 1550", "1550", DatePrecision.Year)]
    [InlineData("The party's 1964's slogan was new.", "1964", "1964", DatePrecision.Year)]
    // decades
    [InlineData("Cold War conflicts reached Latin America in the late 1950s.", "late 1950s", "1957/1959", DatePrecision.Decade)]
    [InlineData("In the 1950s the mines were nationalised.", "1950s", "1950/1959", DatePrecision.Decade)]
    [InlineData("Aid rose in the early 1960s.", "early 1960s", "1960/1963", DatePrecision.Decade)]
    [InlineData("By the mid-1950s it had failed.", null, null, DatePrecision.Decade)]
    [InlineData("Growth stalled in the mid-1950s.", "mid-1950s", "1954/1956", DatePrecision.Decade)]
    [InlineData("In the 1920's tin was king.", "1920's", "1920/1929", DatePrecision.Decade)]
    // spans
    [InlineData("Between 1960 and 1964 the USA increased its aid.", "Between 1960 and 1964", "1960/1964", DatePrecision.Range)]
    [InlineData("He served from 1960 to 1964 as vice-president.", "from 1960 to 1964", "1960/1964", DatePrecision.Range)]
    [InlineData("The vice-president Juan Lechin (1960-64) resigned.", "1960-64", "1960/1964", DatePrecision.Range)]
    [InlineData("Military assistance 1958–1964 grew sixfold.", "1958–1964", "1958/1964", DatePrecision.Range)]
    [InlineData("Strikes spread between May and July 1964.", "between May and July 1964", "1964-05/1964-07", DatePrecision.Range)]
    [InlineData("Strikes spread May–July 1964 across the mines.", "May–July 1964", "1964-05/1964-07", DatePrecision.Range)]
    [InlineData("The congress met December 5–7, 1963 in La Paz.", "December 5–7, 1963", "1963-12-05/1963-12-07", DatePrecision.Range)]
    [InlineData("The congress met 5–7 December 1963 in La Paz.", "5–7 December 1963", "1963-12-05/1963-12-07", DatePrecision.Range)]
    [InlineData("The plan ran from May 1963 until June 1964.", "from May 1963 until June 1964", "1963-05/1964-06", DatePrecision.Range)]
    [InlineData("Silver ruled in the 19th century.", "19th century", "1801/1900", DatePrecision.Range)]
    [InlineData("Silver ruled in the nineteenth century.", "nineteenth century", "1801/1900", DatePrecision.Range)]
    [InlineData("Potosí boomed in the 1600s.", "1600s", "1600/1699", DatePrecision.Range)]
    [InlineData("Tiwanaku flourished in the 5th century BC.", "5th century BC", "-0499/-0400", DatePrecision.Range)]
    public void Find_Phrasing_IsNormalised(string sentence, string? written, string? normalized, DatePrecision precision)
    {
        var mentions = DateExtractor.Find(sentence);

        if (written is null)
        {
            Assert.Empty(mentions);
            return;
        }

        var mention = Assert.Single(mentions);
        Assert.Equal(written, sentence[mention.Start..mention.End]);
        Assert.Equal(written, mention.Date.Written);
        Assert.Equal(normalized, mention.Date.Normalized);
        Assert.Equal(precision, mention.Date.Precision);
    }

    [Theory]
    [InlineData("The party had ruled that country continuously since 1920.")]
    [InlineData("Nothing of the kind happened before 1950.")]
    [InlineData("The mines stayed closed until 1965, and after 1966 they reopened.")]
    [InlineData("Prior to 1952 the army was small.")]
    [InlineData("It gave 205 million USD in aid, a rise of 600%, and 5.7% growth.")]
    [InlineData("The army had 1964 soldiers and $1850 in pay; see page 1912.")]
    [InlineData("Some 1,964 miners and 12 year governance; the B52 flew.")]
    [InlineData("You may march in November but not on the 4th.")]
    public void Find_NoEventDate_FindsNothing(string sentence)
        => Assert.Empty(DateExtractor.Find(sentence));

    [Fact]
    public void Find_DayThatDoesNotExist_IsOnlyAYear()
        => Assert.Equal(DatePrecision.Year, Assert.Single(DateExtractor.Find("February 30, 1964 is no day at all.")).Date.Precision);

    [Fact]
    public void Find_SeveralDates_AreFoundInOrder()
    {
        var mentions = DateExtractor.Find("The leftist vice-president Juan Lechin (1960-64), who himself wanted to run for president in 1964, resigned; the late 1950s and early 1960s were different.");

        Assert.Equal(["1960/1964", "1964", "1957/1959", "1960/1963"], mentions.Select(m => m.Date.Normalized));
    }

    [Fact]
    public void Find_OrderKeys_FollowTheCalendar()
    {
        var dates = DateExtractor.Find("In 44 BC, AD 800, 1942, early 1962, May 1964 and November 4, 1964.").Select(m => m.Date).ToList();

        Assert.Equal(dates.OrderBy(d => d.First).ToList(), dates);
        Assert.True(dates[3].Overlaps(DateExtractor.Find("in 1962").Single().Date));
        Assert.False(dates[4].Overlaps(dates[5]));
    }

    [Fact]
    public void Find_HostileText_TakesLinearTime()
    {
        // Long runs of what a backtracking pattern chokes on: digits, dashes, months without years, "between" without "and".
        var hostile = string.Concat(Enumerable.Repeat("between 1960 - May - 4th of - 19 - ", 20_000)) + new string('1', 100_000) + string.Concat(Enumerable.Repeat("1950s-", 20_000));
        var stopwatch = Stopwatch.StartNew();

        var mentions = DateExtractor.Find(hostile);

        Assert.NotNull(mentions);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), "hang detector: date extraction must stay linear");
    }
}
