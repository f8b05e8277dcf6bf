package dev.parley.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small TPC-H-shaped database made in Java (same tables, columns, value domains and date
 * rules as dbgen, far fewer rows), written as CSV, plus the rows kept in memory so the tests
 * can compute reference answers independently of the engine.
 */
final class TpchFixture {

    record Region(long key, String name) {}

    record Nation(long key, String name, long regionKey) {}

    record Supplier(long key, String name, long nationKey) {}

    record Customer(
            long key,
            String name,
            String address,
            long nationKey,
            String phone,
            double acctbal,
            String segment,
            String comment) {}

    record Order(long key, long custKey, LocalDate date, int shipPriority) {}

    record LineItem(
            long orderKey,
            long suppKey,
            int lineNumber,
            long quantity,
            double extendedPrice,
            double discount,
            double tax,
            String returnFlag,
            String lineStatus,
            LocalDate shipDate) {}

    static final String[] REGIONS = {"AFRICA", "AMERICA", "ASIA", "EUROPE", "MIDDLE EAST"};
    static final String[][] NATIONS = {
        {"ALGERIA", "0"}, {"ARGENTINA", "1"}, {"BRAZIL", "1"}, {"CANADA", "1"}, {"EGYPT", "4"},
        {"ETHIOPIA", "0"}, {"FRANCE", "3"}, {"GERMANY", "3"}, {"INDIA", "2"}, {"INDONESIA", "2"},
        {"IRAN", "4"}, {"IRAQ", "4"}, {"JAPAN", "2"}, {"JORDAN", "4"}, {"KENYA", "0"},
        {"MOROCCO", "0"}, {"MOZAMBIQUE", "0"}, {"PERU", "1"}, {"CHINA", "2"}, {"ROMANIA", "3"},
        {"SAUDI ARABIA", "4"}, {"VIETNAM", "2"}, {"RUSSIA", "3"}, {"UNITED KINGDOM", "3"}, {"UNITED STATES", "1"},
    };
    static final String[] SEGMENTS = {"AUTOMOBILE", "BUILDING", "FURNITURE", "HOUSEHOLD", "MACHINERY"};
    static final LocalDate START = LocalDate.of(1992, 1, 1);
    static final LocalDate CURRENT = LocalDate.of(1995, 6, 17);
    static final int ORDER_DAYS = (int) (LocalDate.of(1998, 8, 2).toEpochDay() - START.toEpochDay());

    final List<Region> regions = new ArrayList<>();
    final List<Nation> nations = new ArrayList<>();
    final List<Supplier> suppliers = new ArrayList<>();
    final List<Customer> customers = new ArrayList<>();
    final List<Order> orders = new ArrayList<>();
    final List<LineItem> lineItems = new ArrayList<>();

    TpchFixture(long seed, int customerCount, int supplierCount, int orderCount) {
        Random random = new Random(seed);
        for (int r = 0; r < REGIONS.length; r++) {
            regions.add(new Region(r, REGIONS[r]));
        }
        for (int n = 0; n < NATIONS.length; n++) {
            nations.add(new Nation(n, NATIONS[n][0], Long.parseLong(NATIONS[n][1])));
        }
        for (int s = 1; s <= supplierCount; s++) {
            suppliers.add(new Supplier(s, "Supplier#%09d".formatted(s), random.nextInt(25)));
        }
        for (int c = 1; c <= customerCount; c++) {
            long nation = random.nextInt(25);
            customers.add(new Customer(
                    c,
                    "Customer#%09d".formatted(c),
                    "Addr" + random.nextInt(100_000),
                    nation,
                    "%02d-%03d-%03d-%04d"
                            .formatted(10 + nation, random.nextInt(1000), random.nextInt(1000), random.nextInt(10_000)),
                    cents(random, -99_999, 999_999),
                    SEGMENTS[random.nextInt(SEGMENTS.length)],
                    "comment " + random.nextInt(1000)));
        }
        for (int o = 1; o <= orderCount; o++) {
            LocalDate date = START.plusDays(random.nextInt(ORDER_DAYS + 1));
            Order order = new Order(o, 1 + random.nextInt(customerCount), date, 0);
            orders.add(order);
            int lines = 1 + random.nextInt(7);
            for (int line = 1; line <= lines; line++) {
                long quantity = 1 + random.nextInt(50);
                double price = cents(random, 90_000, 200_000);
                LocalDate ship = date.plusDays(1 + random.nextInt(121));
                LocalDate receipt = ship.plusDays(1 + random.nextInt(30));
                String returnFlag = receipt.isAfter(CURRENT) ? "N" : (random.nextBoolean() ? "R" : "A");
                String lineStatus = ship.isAfter(CURRENT) ? "O" : "F";
                lineItems.add(new LineItem(
                        o,
                        1 + random.nextInt(supplierCount),
                        line,
                        quantity,
                        Math.round(quantity * price * 100) / 100.0,
                        random.nextInt(11) / 100.0,
                        random.nextInt(9) / 100.0,
                        returnFlag,
                        lineStatus,
                        ship));
            }
        }
    }

    private static double cents(Random random, int minCents, int maxCents) {
        return (minCents + random.nextInt(maxCents - minCents + 1)) / 100.0;
    }

    /** Writes one CSV file per table into {@code dir}; returns {@code dir}. */
    Path writeCsv(Path dir) {
        try {
            write(
                    dir.resolve("region.csv"),
                    "r_regionkey,r_name,r_comment",
                    regions.stream()
                            .map(r -> r.key() + "," + r.name() + ",region")
                            .toList());
            write(
                    dir.resolve("nation.csv"),
                    "n_nationkey,n_name,n_regionkey,n_comment",
                    nations.stream()
                            .map(n -> n.key() + "," + n.name() + "," + n.regionKey() + ",nation")
                            .toList());
            write(
                    dir.resolve("supplier.csv"),
                    "s_suppkey,s_name,s_nationkey",
                    suppliers.stream()
                            .map(s -> s.key() + "," + s.name() + "," + s.nationKey())
                            .toList());
            write(
                    dir.resolve("customer.csv"),
                    "c_custkey,c_name,c_address,c_nationkey,c_phone,c_acctbal,c_mktsegment,c_comment",
                    customers.stream()
                            .map(c -> String.join(
                                    ",",
                                    String.valueOf(c.key()),
                                    c.name(),
                                    c.address(),
                                    String.valueOf(c.nationKey()),
                                    c.phone(),
                                    money(c.acctbal()),
                                    c.segment(),
                                    c.comment()))
                            .toList());
            write(
                    dir.resolve("orders.csv"),
                    "o_orderkey,o_custkey,o_orderdate,o_shippriority",
                    orders.stream()
                            .map(o -> o.key() + "," + o.custKey() + "," + o.date() + "," + o.shipPriority())
                            .toList());
            write(
                    dir.resolve("lineitem.csv"),
                    "l_orderkey,l_suppkey,l_linenumber,l_quantity,l_extendedprice,l_discount,l_tax,l_returnflag,l_linestatus,l_shipdate",
                    lineItems.stream()
                            .map(l -> String.join(
                                    ",",
                                    String.valueOf(l.orderKey()),
                                    String.valueOf(l.suppKey()),
                                    String.valueOf(l.lineNumber()),
                                    String.valueOf(l.quantity()),
                                    money(l.extendedPrice()),
                                    money(l.discount()),
                                    money(l.tax()),
                                    l.returnFlag(),
                                    l.lineStatus(),
                                    l.shipDate().toString()))
                            .toList());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Always with a decimal point, so CSV schema inference reads the column as floating point. */
    private static String money(double value) {
        return String.format(java.util.Locale.ROOT, "%.2f", value);
    }

    private static void write(Path file, String header, List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(header);
        lines.addAll(rows);
        Files.write(file, lines);
    }
}
