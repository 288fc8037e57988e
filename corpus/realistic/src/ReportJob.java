package com.acme.reports;

import java.sql.Connection;
import java.sql.DriverManager;

public class ReportJob {
    private static final String URL =
        "jdbc:postgresql://pg-reports.prod.internal:5432/reports?user=reporter&password=Hm3vQz8Lx2Kt&ssl=true";

    private final String password;

    public ReportJob(String password) {
        this.password = password;
    }

    Connection connect() throws Exception {
        return DriverManager.getConnection(URL);
    }
}
