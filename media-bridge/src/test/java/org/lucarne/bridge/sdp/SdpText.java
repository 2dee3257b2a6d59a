package org.lucarne.bridge.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reading SDP text in tests: its m-sections and their attributes, by mid. */
public final class SdpText {
    private SdpText() {
    }

    /** Each m-section's lines, the m= line first. */
    public static List<List<String>> sections(String sdp) {
        List<List<String>> sections = new ArrayList<>();
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith("m=")) {
                sections.add(new ArrayList<>());
            }
            if (!sections.isEmpty()) {
                sections.get(sections.size() - 1).add(line);
            }
        }
        return sections;
    }

    /** The direction attribute of each m-section, by mid. */
    public static Map<String, String> directions(String sdp) {
        Map<String, String> byMid = new TreeMap<>();
        for (List<String> section : sections(sdp)) {
            String mid = null;
            String direction = null;
            for (String line : section) {
                if (line.startsWith("a=mid:")) {
                    mid = line.substring(6);
                } else if (line.matches("a=(sendrecv|sendonly|recvonly|inactive)")) {
                    direction = line.substring(2);
                }
            }
            byMid.put(mid, direction);
        }
        return byMid;
    }
}
