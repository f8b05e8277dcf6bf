package dev.parley.engine;

import static java.util.Comparator.comparing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TPC-H queries 1, 3, 5, 6 and 10, as written in the specification, over a small TPC-H-shaped
 * database; each answer is checked against the same query computed in plain Java over the
 * rows the fixture generated.
 */
class TpchTest {

    static final String Q1 = """
            select l_returnflag, l_linestatus, sum(l_quantity) as sum_qty, sum(l_extendedprice) as sum_base_price,
                sum(l_extendedprice * (1 - l_discount)) as sum_disc_price,
                sum(l_extendedprice * (1 - l_discount) * (1 + l_tax)) as sum_charge,
                avg(l_quantity) as avg_qty, avg(l_extendedprice) as avg_price, avg(l_discount) as avg_disc,
                count(*) as count_order
            from lineitem
            where l_shipdate <= date '1998-12-01' - interval '90' day
            group by l_returnflag, l_linestatus
            order by l_returnflag, l_linestatus""";

    static final String Q3 = """
            select l_orderkey, sum(l_extendedprice * (1 - l_discount)) as revenue, o_orderdate, o_shippriority
            from customer, orders, lineitem
            where c_mktsegment = 'BUILDING' and c_custkey = o_custkey and l_orderkey = o_orderkey
                and o_orderdate < date '1995-03-15' and l_shipdate > date '1995-03-15'
            group by l_orderkey, o_orderdate, o_shippriority
            order by revenue desc, o_orderdate
            limit 10""";

    static final String Q5 = """
            select n_name, sum(l_extendedprice * (1 - l_discount)) as revenue
            from customer, orders, lineitem, supplier, nation, region
            where c_custkey = o_custkey and l_orderkey = o_orderkey and l_suppkey = s_suppkey
                and c_nationkey = s_nationkey and s_nationkey = n_nationkey and n_regionkey = r_regionkey
                and r_name = 'ASIA' and o_orderdate >= date '1994-01-01'
                and o_orderdate < date '1994-01-01' + interval '1' year
            group by n_name
            order by revenue desc""";

    static final String Q6 = """
            select sum(l_extendedprice * l_discount) as revenue
            from lineitem
            where l_shipdate >= date '1994-01-01' and l_shipdate < date '1994-01-01' + interval '1' year
                and l_discount between 0.06 - 0.01 and 0.06 + 0.01 and l_quantity < 24""";

    static final String Q10 = """
            select c_custkey, c_name, sum(l_extendedprice * (1 - l_discount)) as revenue, c_acctbal, n_name,
                c_address, c_phone, c_comment
            from customer, orders, lineitem, nation
            where c_custkey = o_custkey and l_orderkey = o_orderkey and o_orderdate >= date '1993-10-01'
                and o_orderdate < date '1993-10-01' + interval '3' month and l_returnflag = 'R'
                and c_nationkey = n_nationkey
            group by c_custkey, c_name, c_acctbal, c_phone, n_name, c_address, c_comment
            order by revenue desc
            limit 20""";

    static final String[] TABLES = {"region", "nation", "supplier", "customer", "orders", "lineitem"};

    static TpchFixture data;
    static Engine engine;
    static EngineSession session;

    @BeforeAll
    static void load(@TempDir Path dir) {
        data = new TpchFixture(20240611L, 300, 30, 3000);
        data.writeCsv(dir);
        engine = new Engine();
        session = engine.openSession(SessionLimits.ofMemory(512L << 20), FunctionSet.DEFAULT, SqlAccess.RESTRICTED);
        for (String table : TABLES) {
            session.registerCsv(table, dir.resolve(table + ".csv"));
        }
    }

    @AfterAll
    static void close() {
        session.close();
        engine.close();
    }

    @Test
    void q1PricingSummary() {
        LocalDate cutoff = LocalDate.of(1998, 12, 1).minusDays(90);
        Map<List<String>, List<TpchFixture.LineItem>> groups = data.lineItems.stream()
                .filter(l -> !l.shipDate().isAfter(cutoff))
                .collect(Collectors.groupingBy(
                        l -> List.of(l.returnFlag(), l.lineStatus()),
                        () -> new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                                .thenComparing(k -> k.get(1))),
                        Collectors.toList()));
        List<List<Object>> expected = new ArrayList<>();
        groups.forEach((key, items) -> expected.add(List.of(
                key.get(0),
                key.get(1),
                sum(items, l -> (double) l.quantity()),
                sum(items, TpchFixture.LineItem::extendedPrice),
                sum(items, l -> l.extendedPrice() * (1 - l.discount())),
                sum(items, l -> l.extendedPrice() * (1 - l.discount()) * (1 + l.tax())),
                sum(items, l -> (double) l.quantity()) / items.size(),
                sum(items, TpchFixture.LineItem::extendedPrice) / items.size(),
                sum(items, TpchFixture.LineItem::discount) / items.size(),
                (double) items.size())));
        assertEquals(4, expected.size(), "the fixture should cover all four flag/status groups");
        assertRows(expected, Results.query(session, Q1));
    }

    @Test
    void q3ShippingPriority() {
        LocalDate day = LocalDate.of(1995, 3, 15);
        Map<Long, TpchFixture.Order> orders = index(data.orders, TpchFixture.Order::key);
        Map<Long, TpchFixture.Customer> customers = index(data.customers, TpchFixture.Customer::key);
        Map<Long, Double> revenue = new HashMap<>();
        for (TpchFixture.LineItem l : data.lineItems) {
            TpchFixture.Order o = orders.get(l.orderKey());
            if (customers.get(o.custKey()).segment().equals("BUILDING")
                    && o.date().isBefore(day)
                    && l.shipDate().isAfter(day)) {
                revenue.merge(l.orderKey(), l.extendedPrice() * (1 - l.discount()), Double::sum);
            }
        }
        List<List<Object>> expected = revenue.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Long, Double> e) -> -e.getValue())
                        .thenComparing(e -> orders.get(e.getKey()).date()))
                .limit(10)
                .map(e -> List.<Object>of(
                        (double) e.getKey(),
                        e.getValue(),
                        (double) orders.get(e.getKey()).date().toEpochDay(),
                        0.0))
                .toList();
        assertEquals(10, expected.size());
        assertRows(expected, Results.query(session, Q3));
    }

    @Test
    void q5LocalSupplierVolume() {
        LocalDate from = LocalDate.of(1994, 1, 1);
        Map<Long, TpchFixture.Order> orders = index(data.orders, TpchFixture.Order::key);
        Map<Long, TpchFixture.Customer> customers = index(data.customers, TpchFixture.Customer::key);
        Map<Long, TpchFixture.Supplier> suppliers = index(data.suppliers, TpchFixture.Supplier::key);
        Map<String, Double> revenue = new HashMap<>();
        for (TpchFixture.LineItem l : data.lineItems) {
            TpchFixture.Order o = orders.get(l.orderKey());
            TpchFixture.Customer c = customers.get(o.custKey());
            TpchFixture.Supplier s = suppliers.get(l.suppKey());
            TpchFixture.Nation n = data.nations.get((int) s.nationKey());
            if (c.nationKey() == s.nationKey()
                    && TpchFixture.REGIONS[(int) n.regionKey()].equals("ASIA")
                    && !o.date().isBefore(from)
                    && o.date().isBefore(from.plusYears(1))) {
                revenue.merge(n.name(), l.extendedPrice() * (1 - l.discount()), Double::sum);
            }
        }
        List<List<Object>> expected = revenue.entrySet().stream()
                .sorted(comparing((Map.Entry<String, Double> e) -> -e.getValue()))
                .map(e -> List.<Object>of(e.getKey(), e.getValue()))
                .toList();
        assertFalse(expected.isEmpty(), "the fixture should give Q5 some rows");
        assertRows(expected, Results.query(session, Q5));
    }

    @Test
    void q6ForecastingRevenueChangeOnCsvAndOnParquet(@TempDir Path dir) {
        LocalDate from = LocalDate.of(1994, 1, 1);
        double expected = sum(
                data.lineItems.stream()
                        .filter(l -> !l.shipDate().isBefore(from)
                                && l.shipDate().isBefore(from.plusYears(1))
                                && l.discount() >= 0.06 - 0.01
                                && l.discount() <= 0.06 + 0.01
                                && l.quantity() < 24)
                        .toList(),
                l -> l.extendedPrice() * l.discount());
        assertRows(List.of(List.of(expected)), Results.query(session, Q6));

        Path lineitemParquet = dir.resolve("lineitem");
        session.writeParquet("select * from lineitem", lineitemParquet, OutputLayout.DIRECTORY);
        try (EngineSession parquet =
                engine.openSession(SessionLimits.ofMemory(256L << 20), FunctionSet.DEFAULT, SqlAccess.RESTRICTED)) {
            parquet.registerParquet("lineitem", lineitemParquet);
            assertRows(List.of(List.of(expected)), Results.query(parquet, Q6));
        }
    }

    @Test
    void q10ReturnedItemReporting() {
        LocalDate from = LocalDate.of(1993, 10, 1);
        Map<Long, TpchFixture.Order> orders = index(data.orders, TpchFixture.Order::key);
        Map<Long, TpchFixture.Customer> customers = index(data.customers, TpchFixture.Customer::key);
        Map<Long, Double> revenue = new HashMap<>();
        for (TpchFixture.LineItem l : data.lineItems) {
            TpchFixture.Order o = orders.get(l.orderKey());
            if (!o.date().isBefore(from)
                    && o.date().isBefore(from.plusMonths(3))
                    && l.returnFlag().equals("R")) {
                revenue.merge(o.custKey(), l.extendedPrice() * (1 - l.discount()), Double::sum);
            }
        }
        List<List<Object>> expected = revenue.entrySet().stream()
                .sorted(comparing((Map.Entry<Long, Double> e) -> -e.getValue()))
                .limit(20)
                .map(e -> {
                    TpchFixture.Customer c = customers.get(e.getKey());
                    return List.<Object>of(
                            (double) c.key(),
                            c.name(),
                            e.getValue(),
                            c.acctbal(),
                            data.nations.get((int) c.nationKey()).name(),
                            c.address(),
                            c.phone(),
                            c.comment());
                })
                .toList();
        assertEquals(20, expected.size());
        assertRows(expected, Results.query(session, Q10));
    }

    private static <T> Map<Long, T> index(List<T> rows, Function<T, Long> key) {
        return rows.stream().collect(Collectors.toMap(key, Function.identity()));
    }

    private static double sum(
            List<TpchFixture.LineItem> items, java.util.function.ToDoubleFunction<TpchFixture.LineItem> f) {
        double total = 0;
        for (TpchFixture.LineItem item : items) {
            total += f.applyAsDouble(item);
        }
        return total;
    }

    /** Numbers (including dates, as epoch days) compare within a relative 1e-9; text exactly. */
    static void assertRows(List<List<Object>> expected, List<List<Object>> actual) {
        assertEquals(expected.size(), actual.size(), () -> "row count; actual " + actual);
        for (int r = 0; r < expected.size(); r++) {
            List<Object> want = expected.get(r);
            List<Object> got = actual.get(r);
            assertEquals(want.size(), got.size(), "column count in row " + r);
            for (int c = 0; c < want.size(); c++) {
                Object w = want.get(c);
                Object g = got.get(c);
                if (w instanceof Double d) {
                    double value = g instanceof LocalDate date ? date.toEpochDay() : ((Number) g).doubleValue();
                    if (Math.abs(value - d) > 1e-9 * Math.max(1, Math.abs(d))) {
                        fail("row " + r + " column " + c + ": expected " + d + " but was " + g + "\nexpected " + want
                                + "\nactual   " + got);
                    }
                } else {
                    assertEquals(w, g, "row " + r + " column " + c);
                }
            }
        }
    }
}
