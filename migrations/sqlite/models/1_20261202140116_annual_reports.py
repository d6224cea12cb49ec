from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "org_contact_attempt" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "method" VARCHAR(16) NOT NULL /* phone: phone\nvisit: visit\nletter: letter\nsupervisor: supervisor */,
    "outcome" VARCHAR(16) NOT NULL /* reached: reached\nfailed: failed */,
    "attempted_on" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "recorded_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL
) /* A staff attempt to reach an organization (or its 业务主管单位's report), with the outcome. */;
CREATE INDEX IF NOT EXISTS "idx_org_contact_org_id_844b81" ON "org_contact_attempt" ("org_id", "attempted_on");
        CREATE TABLE IF NOT EXISTS "org_council_election" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "held_on" DATE NOT NULL,
    "term_end" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "recorded_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL
) /* A recorded 换届: the council was re-elected on `held_on`, its new term ending `term_end`. */;
        CREATE TABLE IF NOT EXISTS "annual_report_year" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "year" INT NOT NULL UNIQUE,
    "window_opens" DATE NOT NULL,
    "window_closes" DATE NOT NULL,
    "active_on" DATE NOT NULL,
    "registered_before" DATE NOT NULL,
    "required_sections" JSON NOT NULL,
    "overdue_swept_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "opened_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL
) /* One report year: its filing window, the obligation rule and the sections each legal form files. */;
        CREATE TABLE IF NOT EXISTS "annual_report" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "year" INT NOT NULL,
    "town_id" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'not_started' /* not_started: not_started\ndraft: draft\nsubmitted: submitted\ntown_checked: town_checked\nreturned: returned\naccepted: accepted\noverdue: overdue */,
    "required_sections" JSON NOT NULL,
    "sections" JSON NOT NULL,
    "system_figures" JSON NOT NULL,
    "findings" JSON NOT NULL,
    "late" INT NOT NULL DEFAULT 0,
    "submitted_at" TIMESTAMP,
    "submit_count" INT NOT NULL DEFAULT 0,
    "commitment_name" VARCHAR(32) NOT NULL DEFAULT '',
    "commitment_at" TIMESTAMP,
    "town_note" TEXT NOT NULL,
    "town_checked_at" TIMESTAMP,
    "return_reasons" JSON NOT NULL,
    "correction_due" DATE,
    "returned_at" TIMESTAMP,
    "accepted_at" TIMESTAMP,
    "council_term_end" DATE,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "commitment_user_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE RESTRICT,
    "report_year_id" INT NOT NULL REFERENCES "annual_report_year" ("id") ON DELETE RESTRICT,
    CONSTRAINT "uid_annual_repo_report__aa0396" UNIQUE ("report_year_id", "org_id")
);
CREATE INDEX IF NOT EXISTS "idx_annual_repo_year_8aadcc" ON "annual_report" ("year");
CREATE INDEX IF NOT EXISTS "idx_annual_repo_town_id_77de55" ON "annual_report" ("town_id");
CREATE INDEX IF NOT EXISTS "idx_annual_repo_status_6eec5a" ON "annual_report" ("status");
CREATE INDEX IF NOT EXISTS "idx_annual_repo_year_9c669a" ON "annual_report" ("year", "town_id", "status");
CREATE INDEX IF NOT EXISTS "idx_annual_repo_org_id_db5e27" ON "annual_report" ("org_id", "status");
        CREATE TABLE IF NOT EXISTS "zombie_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "town_id" INT NOT NULL,
    "signals" JSON NOT NULL,
    "signal_count" INT NOT NULL DEFAULT 0,
    "status" VARCHAR(16) NOT NULL DEFAULT 'listed' /* listed: listed\ndismissed: dismissed\ncase_open: case_open\nclosed: closed\ncleared: cleared */,
    "dismissed_reason" TEXT NOT NULL,
    "dismissed_signals" JSON NOT NULL,
    "sweep_id" INT,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "org_id" INT NOT NULL UNIQUE REFERENCES "organization" ("id") ON DELETE CASCADE
) /* What the latest sweep found about one organization: its signals, each with evidence. */;
CREATE INDEX IF NOT EXISTS "idx_zombie_entr_town_id_2f518c" ON "zombie_entry" ("town_id");
CREATE INDEX IF NOT EXISTS "idx_zombie_entr_status_dc07df" ON "zombie_entry" ("status");
        CREATE TABLE IF NOT EXISTS "zombie_cleanup_case" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'open' /* open: open\nclosed: closed */,
    "note" TEXT NOT NULL,
    "outcome" VARCHAR(16) /* revoked: revoked\ncancelled: cancelled */,
    "outcome_reason" TEXT NOT NULL,
    "outcome_date" DATE,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMP,
    "entry_id" INT NOT NULL REFERENCES "zombie_entry" ("id") ON DELETE CASCADE,
    "opened_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
) /* A clean-up case opened from the list; closed by deregistration (撤销登记 or 注销). */;
        CREATE TABLE IF NOT EXISTS "zombie_sweep" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'queued' /* queued: queued\nrunning: running\ndone: done\nfailed: failed */,
    "total" INT NOT NULL DEFAULT 0,
    "processed" INT NOT NULL DEFAULT 0,
    "listed" INT NOT NULL DEFAULT 0,
    "error" TEXT NOT NULL,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP,
    "started_by_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL
) /* One run of the zombie screening, with its progress. */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "zombie_entry";
        DROP TABLE IF EXISTS "org_council_election";
        DROP TABLE IF EXISTS "zombie_sweep";
        DROP TABLE IF EXISTS "annual_report";
        DROP TABLE IF EXISTS "annual_report_year";
        DROP TABLE IF EXISTS "zombie_cleanup_case";
        DROP TABLE IF EXISTS "org_contact_attempt";"""


MODELS_STATE = (
    "eJztXWtz27aa/isYf2k643Qd+ZJU3dkZO/Xpydkk7ibOnt0TdViKhCTUFKDyYtfd6X9fAL"
    "yDIEXwIpESZjwWRfIFqQfX93kv+L+TNbGh4313bfnoEfnPJ1PwfyfYXEN6ULh2Ck7MzSa9"
    "wk745tzhN5vZu+ae79IT9PzCdDxIT9nQs1y08RHB9CwOHIedJBa9EeFleirA6PcAGj5ZQn"
    "8FXXrh6y/0NMI2/AN67OvXE883/YA/nR65vmeY/gm96euJQw/oWYcWyL/75AkbyI7uZDL8"
    "NHGXwln2iM2DsUDQsXMQhLfx84b/vOHn3mH/b/xG9gvmhkWcYI3TmzfP/org5G6E+TstIY"
    "au6UNWvO8GDBL2iyP0YpTCX5/eEv7sjIwNF2bg+BkIa+JqEczqhL6Nx3/gkj3l5eTVxeuL"
    "N+dXF28YbOxUcub1X+HPS397KMgR+Hh/8he/bvpmeAevmhQ3H/m0uAJ0b1emK8cuERDgoy"
    "8twheDVYVffCIFMG2IHSG4Nv8wHIiX/op+vbqogOu/rz+9/fv1pxdXF9+y30Jo1wj7zMfo"
    "yoRfYoimCGZfq4DjPfyjpA0KYrtD8+SkOZYV2N3f/s89K3nteb87WcxefLj+Hw7n+jm68v"
    "7u40/x7RmM376/uxGwtehvXxL3Wd5Ab3Gw5uC+oy9pYgsWQM7K94VwvQ5/8khfCvsQulOQ"
    "HM4wfXnoOs+GZbpwCrLfZthaIfqDwyvp8QzbyDPnyKFD+BSkx/R++vjAhYa3IXSspTK57/"
    "RZdkDxoK9DHxQfzvAKmo6/moLwc4Y3dKB+NuYBfR5tCVOQ/06fQtZrigY9tySP0MUMd/os"
    "ydkZJmxmmAL+cdKgs55PanTW80lpZ2WX8g2KTkN0vjKWLgk2ntKwJwqOo8Pm8ZxcXtYAlN"
    "5Viii/loc0ndoLcP5IkfDRGsohzQkKcNqR5HfxwS77aifD4bsPt5/vrz/8nBsTf7y+v2VX"
    "JrnxMD774krAPSkE/PPd/d8B+wr+dffxlgNGPH/p8iem993/64S9kxn4xMDkyTDtLFbx6f"
    "hUrhohtptUYkZMV+Geq9BDSxxsDBuatoOwZFW3pT8WxXdTpV2v+A6pTumttDSlqSojoiep"
    "CEZHNrL9zSFmyerckQ5pCyZQA8FojBpGk//x7svN+1vw86fbt+8+v7v7mG/j/CLXsH+nq0"
    "j+Kz/dXr8X4aOPVoIvvF/DF6sxG9OKKJeaFEVWZDtRMYxxtxuuIoXtyUS+gzzfcNAaSfpv"
    "KXhFwd1BeDYc/KwVtB4QNlzTRoFnrFWan0S0EYa778tdo5iSmE0YiFR6h3Ox7ZoLvzghh+"
    "engH9QTT+Y006ygjZV8uNDqt+zn+E47Gxy2ER3f3VVYxZ/JS6t0kmcXRKaM8EL5K6hTeEN"
    "sMp4IJE8ygEhGRdVASwKHjd+Hvy9CXqR2FFiFw4mhgtNT0aUl6szBcFRKjVnZ3WUmrOzcq"
    "WGXctDmozaDXgbUbYDTX9Qy/bRKfrJZNugMkVZXZn7rkw6WvnNqjInOU7+7YT+BvsOO89R"
    "OxpJzUZNvrJig43dsGLzkrpi91qx0ctndYvYfqnkSCKKHamKHA9ac1X4RLkjxS/1c6oJXC"
    "pwrNxgxmOsJmYZiWMCjXnMLR6kvl+0FUlYfeJCtMT/CZ8LxJYAW+R1eOcuTYz+NGNPpuHB"
    "+FfcFOKz6aDhmk+JM2GmV9FfSX8bjAn9z/ef3r29Pyk0wA7Q+wSXo8ct07NqAJfMmbtEb2"
    "/qzFbwxCVEHQSTabMDCL94sA5/MmAAxUVEDsHPt/fg45f370/4QDg3rYcn07WNkhGRYvGI"
    "LGisSOBKKP+bSPxv//kJOsmAJ8f1c1jU3+OSxtO9JT4lbbHghYwMBdZeyIRk2kmuBRUvrS"
    "dr8YyJzSV/a/Zs9iTZnCnx5Bfn1HJvfiLe2a9Hf4mjfmrlSjxutat+1676/LOAXDlxHt+/"
    "X8fnhoT5q8mbOvbDyZtyAyK7VtBTbcSMWLYSkIJYIzzF+bP3xphHsxaYFVgWoHTg0nSMBX"
    "ElXgX1LOP5EvYcTXLiEQvR1+H+3VOQ/TbDCxJgO/KcT49nOLorWjQkUtH3JkbzSZ3olEl5"
    "dMqkEJ0yhgiKunVEJQL60GfD9DjUYY3IztK6sRCkv8fwobWiNZP5xgIrTJdHT0QH2aCGpD"
    "ILp4YYzuBB7CEfPcJomi2u0ghxoIlLHH6L0kIVz6l4X3Wsujypby66ubt7n6Odb96JsUZf"
    "Ptzc0hGPQ5267kmcfxKITGaALgL8j893H7ehm4gK6H7B9Dd/tZHlnwLmH/BLb3bsf18E2G"
    "IIAxbI4yPsfcce+B8t7NsV+DNMcvgXQsHEqK/TPJ/PChBDwVyq6rPns/c01qUz+PYRTVrQ"
    "Lp2zkAstqXcWv8BiutjnjA5rpkO/0f9NBpvu/a+8YMNGQo+4BhsYVVZQEtFOVlE7oGD7X5"
    "VqF/9OXPx1HG5/cbhsCQTt0rDJqklQENRTYPMpMAcmXcv+oTYGS6XH0d7zw8flqzoLaXpX"
    "6fDBrxW8i33T8g1VlkWUGyOg3SsmMSobigU0qO7lPm98KFFQygfmiiJGsnbY+Sg98EiFAs"
    "V1soGYZRWQLIajK1MQHcwwz1tDFfPwc4Zd6AcuZnEK8RE79xtdOofnwiO6jIbhip9+0PPZ"
    "bwNZVnPcSx2jyztIQXAcQ8/Oc4jQ1k+ru2S+rBh/BDmNbhW6C6SWRkiUG8mQvgM9JkYmTL"
    "xiOWbgSZCtJPbKitDsnhBAwfFZw/WcgqUaEyUXPsrYHmYUDuGQupRVttWCrG6k4lL6kf7w"
    "JWxlbCsUssPZDJMwmYiwwqMVPwX03wz/Riiixtylb76aguy3GUYM8cDyicssPfHxDLNCab"
    "3ERe99FZe+m7IGKREdx1qjbyVy7pj4gaUvkwzLlWNKXrC3AaWgz4xiPIm5eGb+cOAjdBor"
    "jLKCdjquuOvINpIfWcILbHRgnzO8DJAdpqmLj2bYN50HWoP0/ww/wOcpoP+GMZJECq9BF3"
    "F4KRlIysnWomQHbOugaJNeaNUQLqMde1IoZP8TbDpFznCRTinSJ8No/hGQ6nRIQXAck+jO"
    "FfbQma1laxcLGeKwb87jM/HRDFMtzQ08/4m4/ooO+rmvw2j/JsaBydIdsKythh2UpPErsQ"
    "vLhKtiTcc2AbBQ0ZLgQx1rPeqQXA6MjrU+vIothJSYm41LHhtVrCCq81zsO8+FDptvQZtm"
    "mS41ACWSR4qhjgNvHweuQ5mTYFIdyrzbUObsQNYBiP9gxd0kpY0WScn43iKqOdrxCcGWYb"
    "zZ/aXG08XLteu2cPCyPvGiRgyJxewowcawTK9tA3kbFvXW9AaqVNUDJHI8NH0frjdtW8nb"
    "sLTrsLBRwxJgCzkGHYS4H3VrXHhxt1FpIwaGthPTWq0hbj2gJAWNGI0lnbRo39lsHBRuMd"
    "USlJ9YeddpcSOGxrTXyOPmUhfSF/Nat5e4vE9hcSOGJnSjaonHnbv8wMsZMRBZo7oLLeLa"
    "bXOvpAV+4uWNDBylNCwpjn+S9RyxsAFfFvseA3iH4T2h/7bD+C9e3m1c3Gg0i78UM9NEaq"
    "gkJ02qoJZno3HTezrNQ/OVeVtG8yJ/rV+EzDQ62czpYSeb6ZxS63lX2FaeVXvwppKiyekw"
    "2nS5l2bC7mRyYwzDZK6cz6fToP/dZvLp3ssyjKeSzJFVHpap0A7dtRNgB+xdGc5TahaJnM"
    "wR2XEqTBLpdK9p9VzzKOHU1WhgA2GjwnbREyc8HISL418Ci9wWdmQsOXGXXbYRxQzRA20n"
    "MSjtW8h4M2YLnrrIsenQ1A6MEQ7QYvj2YtEOgtGlYBYin6xgHmbTmrc3Ib1LSrupZ0UaKC"
    "qY+MhqC8ZHXsh4QciasdtioWbaH9KYqcRgKtJ1uSzjEtJOzEJeTt0VUp9vZfBO7lcQRGIv"
    "uRhwoL3kKTIxBC55AhvogjCD+ClAvgfWCAc+9MDCJWvA95h9ifC/kcAHxAUmsIjrhubA70"
    "RmofeH1cl+HdAXiNbhGd9xnem6a/IxqjkF8DISx+TUl2fBeHuWJVmqThaRldPB93+J07ga"
    "DR7dP47Ysx3sUaqjcw4iiIMDo6NzDq9iy+gwxYgOQepY5+DMArEmcBmJYwUtXLOrwZaT6Q"
    "a4MSyaKywmQUQitbSX1OSiBqRfnwrmkkyPyhlL3l5/fnv94+2JdLTrALlx8v4iesJALkew"
    "3NpU5DrEfl5EOnbCqolz883E+u7hdTHODV41EG7HEIVwybihBMhyVihpDmnlbeeF7hghAz"
    "1kQ+x/44GNY1oQIMyJmrjAH4C/giCsGrAxkQvW5gP0gE0C+mjgBfM143CoorV2oOcV+aC+"
    "HiL1PssOE3ygFf3PvoodJ02NQUuj5WGieaLOeaKhJzyu62ZFYVsgd82S8SSHM/xkIp9laW"
    "Kn0+MZttivcRx+d3wodo/9OGIlTb1+a86KHJHri6ZIDk6T1hTJgVasLEAwHKObdFlBVqcw"
    "2XcKk3gKbVKZgqyuzH1XJrPy0upAuEltisK6OgdSnSTwW9RnKq0rdM8Vqo0L2riwV5Zc87"
    "1N+F6xFWo7Qx07gwpLXiumueCi1zaoWfQOHOrc1zqqmbc2CQUet8IKAnyzMeIm321Ms45g"
    "7pccdknZjlQ19ogmLXalaubGFdsyTgqIJpemicFjhh1o2sz5NfycYR6GMAX8Y4ZZphE8Bf"
    "xjGNQw2UAsa8nlrnSpRCd7g+02TLf7gPKA7d2ghmBGpKft1UaGIUbWg3Jig4zMGL06u0fR"
    "haajvMlRTmiMOHYfeN9ib1y9J27d7S7Y2k21rWZl9NzDmpvpeU+EaiYr05OkaS1HsiA4kl"
    "a6g20+ddqNTjdJ1Db0QzC1Fhljx/R8wyHLRhadgrA2AOzZAOBZVK0zwjRxih7fRckj8heq"
    "oLSzwHRAzI4wH8Op6F9bbCrdpM2J5opy6vU4MubU5KFrZSdVY6AHZA6QhLC0xaKxY/tAUM"
    "jvPseSByG/i7TYann2B9pp9pZmf6h47DfL/mBR2XOS/YHiEo0pz9B0PYNZBtrOwuFw8r+0"
    "vPGCEuW49p4gbDv3hOmtP7OSxovHnPjGAkKbrejawXFD/L9lChrpfMzw4BsDtB9IKCD/FZ"
    "X0nizH20T2s1fHQMEYwFYdg0aGzH/rZBbmuNzFhY0dlY1L6MG6C0x+DosaLyID2NFloMjQ"
    "n4Meodt6z7kfw3JG5mWZ9zoIU0F2wx6NPSVkCIYRbuRsOp0kyLyOChtxG/GCeVJ46w1/0q"
    "JGjEi0I9QKtVVtxrorVEMnYfjHBrp8ll4gmQOkupfwLS9xXEOOon9wjmKU+AmLFGSFv3CW"
    "A+W3drwRUoYJCc14S0kyivhqZjvjKNsBvfUrExLOau/j0269j+MaqIlcfHtfYTqDRG/gu7"
    "gPHLOhJz8pwMfWfgZ9rhstggUv98xVCmH6ZYZt11z4U8A/ZjjM2sPvSg5nmLeHKOIz3LEq"
    "/jbDLvQDF7Pz8dEMm5YFN7yQ+GiGCVU07ABOQXRwUq9ee/acZ5olcqFteKVkxD8+330sc7"
    "uVCAs1/oW5iX+1keWfApZj5pe+Fkon/74IMH8NMA+Q4yPsfcce+B/F1tCFcwxDJecXU/An"
    "FV1HT/MOL6wA0Z+0SSUMFXv22FFh/+z5kK3ploEr4xUqaqAgqeuheT0s6A+k76NUA1mZIW"
    "E/tvGHKmuqTsOxiM7t/pfIuYSrhwaepaKsdizdt2MprxCD+U9IKrPcq1QQ212ahLPhaBKp"
    "p5ZyWJdEVAd3CcA0SRImCOvhZc/DC1co5ZuBlEfp5YTG0S12HZ6XVdQbdBSJuO4qe+4qIc"
    "diuND0lMkKUXJImsLYtLR0fzMj4rKKPats+hElqzrV2DoU6yQFii2kBRuMQIKoHn32nmEu"
    "ZHMbVKUgqqty39kfI194H7prA2KJdahqCCvKHvggpkOgDzQEWqcRP4iKlcT6JFq+empPuf"
    "ARRUTnkosl/iw10UsFjikvaklAlRp0RcFjgrAiDl9wzGodhq8QnzYgt8VTIRa/2FxKQvGF"
    "/twBhHfu0sToz7qhKAMGMR2uaoAnzAwdAFkzV+9w3D9F/OSTZQ7Lz7f34OOX9+87S9ur6I"
    "GajemWOKAKId/l/qdRTGg22pwLbN207RpwmZfBBjAhEAbZgoVL1nwXNca3/UDvIR49O38G"
    "NmQJNlipnCZ7MQuuLsyLWfD95dnZLHh99Xo+C97M52eAuIBes+Cb8Nq3xa3cdvtonYpX79"
    "O2nQBmbbBI9vLTU95AZzhskNOoYYqtej/OgqomKm2dqrJOkcCnU0fjLNIZ8f3mPaSrsEfy"
    "EDrA8oMhbyIYoRaZgVQac1FSN+uKZm3ExGddUlWU04SqJlRPBs+7SQwLfMJuUq9ZQW0f2r"
    "N9iKpzruJOUlmRY6KtxJ0YaCOeK0InimmqWVPNjXhS3gc7YKXClFW3cWnDw7EuO5UdlLbv"
    "v6W50VrcqBy7eAzTpGhxQB8WHZrP5yhjRAsZH8tJUdZGhHyTdUlRvqESiISAT6gGbVorYG"
    "JAMl0IvCAuQL4HZsEFfGXOgsuJ+Yodn89nwes5O748v7ykZxYX9jceCK0i356CJ+SvOMcZ"
    "6VYycnQfr7CdJM1mEYjeje21inUugc7p0zWtA1Ky89N2FiqV3h0bImeh+K41U8A/ZvgRec"
    "ifAv7B9jOjbYjvZ8Y+WZT3hqWG9ojLwrzj40ExVPuiBTusET6ShLwgP5jhhYk4KRh+DgPv"
    "3PBSAL2crxLlWvJV+1sE1SSsNPnfJUuq6b8Dpf+0Ct/AW8wirt2ANSoKHhFvVEGCaC2+uR"
    "afaVNaj5d1sYFp8vktCKSqfGGXgm26fH6XhLrKfAwV8wo6v5pQjdi6MKdc+Y2KBE8mU41f"
    "8pLpjVSv/nXF2hfBv55y9RrDJ8CiSgDkCU3Ar3GIya8y3X0HT9T+TDtXyKP6UdFFMiKHro"
    "Y0idfqME5r8PhoNU2raVpN02qaVtOGgaBW07Sa1j90A1fTMvFmEg0tH41WM/t5Egq3XTW7"
    "wzAySAImNOV6zwI5TN15onVHnk5DE+XcQcvQ3OkGDgQmtvn5OMMq4JZRBy5NBywIVZlYDn"
    "yvqJjt4HlaLTuunOvjAC8FK2zmfC9FSWROuaYmyh26thb9Xu762wSoVPDQkeIbZUNVG21W"
    "6NARCsMWIcvHPod0vlCKvpAKHz5ih5z8fmwp5aJ9EdiOs5smeU1l8jqMYt9ptjSBdqAEmg"
    "706JAJ0q7jHbqOi1lz2m6bKmzPNrxhpgxZtV3+FDmdbISMhNQRAmi25hRJAne28zn/XJl+"
    "mLqD1oLnA75FPViQANvAnJPABwTDnPt6SMF4tB/REk9DXoV7psNHZEPanYokTl8P0czNzp"
    "kbvf9bg/3fwmasohBlRIakBo1tD54QRvW9RgSxo9xrZOipgIq7FrLWCWUbFoYXpiD8nGEb"
    "eWz3dnYqOWSJVjxohGmDkkMxdxD7Dk03PMEPxMluP4EXyc9okIxFJqs9WGQeLClSDYZ0qb"
    "Ae3FsM7mwVqbYWyYockbasSaQjIJF08vGDqNhC8vG9e9eNQWUt8IF1GC22ymvJZwnZXofX"
    "LxTorC3OdHcY3hP6b0eudH23uq4c6bomAT+zJcpJKQkYXj6tQQJ6yZ31nLoCDMiCs3RhAY"
    "DeAiGmGEaZJxgjt3EJG9nKHLXUy9AUns7xu11bobcGUs0+vDAF4ecM0xbIWtsURAdU1+eZ"
    "LGyeyGKIKRN84puOEp0a3X+UpBQdOyzoRUmcayKWkzlK1FJirCZkqcBR4gVdl0j8U8sptE"
    "RA82Y68utgVdMi57BAGHmrRjUriGrnsj07l9F1nes3cEIqyB0Rr1rhhZTCUsTy+NyQCo1k"
    "UBFV14GN/PdkeSLRupNrp5XRVOwuw4lu26Zvl8NbK5nj/Ddo+WETYaCEXymsaukcb9DygJ"
    "Tl7yeT8/PXk7PzqzeXF69fX745S/pz8VJVx7559xPr27lheLtKTWubKO7OlxXpacgcJC8h"
    "guYSpyQ/YxVusdQ41tu9p11McusooCjntftzz2jZ+HIQXl3UgPDqohRCdkkImMiPqnVxFM"
    "T2nCW0IZrnkxponk9K0WSXpGjKBsStWEqHxJEg2X27LIs+K/czKQ05a+JcMiidqhcvEnPh"
    "y7beLMc3EdDw1oBX3R1NO6FVk2ksVhJ6qoNrXmocyPY9to6Llux6QXVYrKSCA0ifVMIN8f"
    "8Goc0KO5GwCdnLp1WEwpz4xiJ751Yb/v0KAtN7gO43HngkPmTpKVlUjYm9J+j+wM6xnCnm"
    "krYAYK1MvIQeQH7RkN+mIG3N37k1/1Gao7CeLf+x53yF9aA8CTZTEGyYqf4JM1P9ExYbZZ"
    "354U2N6eFN6ezwpjA5kDXbhlxl5ZIRGccEu+ulC1+C0Hc0HqCEFi9fvIhyo+QsJpeXNVoo"
    "vau0jfJrY17CaMuq9uY+rooteHMHHlQ0FGQkjjVbarj0lML25cu7H0t4mqyQgFwQIPs7Jt"
    "oEvx15JsugCZnYsPVm2yX/KZX26MCTsVx9WaIH5Oh+KpiiM92phkP3FsVRbKJFhBW95qmC"
    "+F/RYicyOg+0dW7FOdf9+nadF2CTa94CsNXKd7LkrGvU5w7wsVSSfpQWRdXoEAu+76MLF4"
    "FnOt/+wF3hkQ2Qx29M4AKWg6gSkejeck/7vh5UxwEhLCF0D82tzNUcEMpH7n0M2ZmAWP4k"
    "9u+ip2jYLaP4aYW2H+OtopZmZcZiVtOa6dg10+woIXgeEcKi5qpWbVLf8zmVGySaVe5Ed3"
    "fvc4315p3YGr98uLn99OIVx5behMJJsmwRrNLxUwlNR8ktaXyKLE2ZUWVNEyUbIbwHr9ee"
    "HT98sjHoW6hgmREZJYi9jJ4MFBys57IOXxEalhU6Ij/sHCOKfB5zrJz0qSh4lLFPT9BamT"
    "5PfqTmYVAQHGVv7sHLYGViDCUhnvVsdBnxfe9BvkYY8eBtcz0FmS8zTBYLZCE6IZoW7z1T"
    "IJ5pYtGb1KmLSXldTAp14UHPY11crWXnpcaxluq7VT/MjUfoeopux3mpMSLZ/ZJpQwEhWB"
    "YDXqkoZcV6U5SKSKpGtOxFVRqXVVQ7dtU2iu7ceDbO9fBg7EDDjUgsMwN1HouYCZbO+PMJ"
    "A30kGhuLtuedEhwJR1MNf6mGZvq+aa24V5UsODO9eloZnpm/b/v+4xgEG4eYbDtwtk8ceI"
    "AbHwQULRc8mu6/hRc98AJDupwBtCk90jtZZhxkmY7z/O0PgP5ynz4PsHpjphcPo8UC2pKd"
    "x/t9Vq2I0ifaetKAUv5NOZ5U+2pu99XMA107LionNRYLTu8hZnEzrd8SsyLH6krzgGTbvV"
    "dobEi61fsodLUeokRdtEQsNTw/odKHRcFxduNeuG7PJ2zrN1VIBbFuAO19hsm7rJ/V8Vk/"
    "K3daPyt6rfOlgPIcI8qNs3m+OqsDKL2rPLb+rACph/6UQFmxd8SfMgSPZoLxVubk8kqpIy"
    "cS42x1xx6YqJ2/62/0t+9c3uMbT2LlWDkxWVFQM4BRk+qAAGyb3ns4TOC2BN8ljVGTqLIu"
    "Nqi8brd/bKArJQ6jK6dVpOHSNemCGKZ31qENEX5EtCKBCx8R5OHSv7L25SD84P3K04J4uX"
    "0OuU/2M3gi7gNYEJdeA6b9iDwIXlD0Fw6yfGCtoPXwrZQ57PlxOpx75xShqhY8bj6he1rQ"
    "XCyQg5JpqS6MgtgY2a5XkzoR8PSucuV3UoiCD4c/5Cm1yZzQGKHsheZKBuYilOXJpnJCer"
    "O4Fmm+6Ps/SlpxdTBCIrRDD5tkwtIONpqg2DVBsX8PmzEs4Aradbl+kxmBPLbvJ3NCaLnn"
    "WKi8XCfFDbOTVHqAlLnIyL2TFGOoG6rVQwmcVvRM6kBDzjSlUl0539zqac2GmRfqNC/6V/"
    "YSVGFNOkukqf+iNdR+NdQRbh+2gdhmkBVAja9MQXQww6ZlwQ3fLTw+mmEXWgHfBDw6EKmY"
    "WupZ51m/Y8amwZbfEtFx6Gm7DhH1LOLK9ggt19hSCZ0f+HS7Xlay/d2P0EJr05FDXLYFnh"
    "0KfRcJjw3fH2/fvvtw/f7F1elEUMBinC8k/h46S2Evfb6JbpsT1Bta7XlDK81RHChHkVn3"
    "K265UxA8VqeKSD9TQi8nc0zAVfhSCCpoS3+An5jufJ0vcniQ1uUxir1tu39Fam1vCWVq4B"
    "8vgLkOl8PuEx1CP717e78vx4pCQ5XQRrLGvI02ErpTzxvpRdkLIoAjYoLe9TXrdZfeo8Oh"
    "jo1JKiYJtF1z4UtoJH5+CvjHDHvBfI18ziElh4xE8gMX02Xlgu37hxeE0UnCKXZXRjrzZU"
    "avulSpNTamx6mo3NcZjgaL0BFoCnJf6RtxzYS+Dv+k36liaTwi+kHPJcczTDugSx45+RUd"
    "sTdi23KFrxMezfAmmNOOSldoPrLgFOS+0lLoYg8yHdNg9C8vTTgzwwgbvG9Bz5uCzJcZth"
    "zCf2D42YRq6z5vCH07vjeZqneOKDdOL51ePEsWxAo8w6RqigqgealxwtnHJnEY8nQ7LpKR"
    "leVcUEFQM0IyRijcmRA9qoGbl9LIypBlBIqDsNIGh1kZ7RLVnHqfBzZdHTP3MjULhyin66"
    "DN9og8gzAjG9fyfIWVlhCZeGujSKPKaJHBsIZJ5NWFgk0kXro2g1QifZhmJiVMQ02lgaW5"
    "IKjnQdk8yJQ/w4amLZ8Mmb2ihE4QBavMFaNrqtf3twJQrPPxZIzqTVEiqhuj1ACaMAJMpV"
    "db9MpkNcrVKNPJRtaSyzu9RPTAu725pKuoJX1/g1NYqnN6Ufow53QV15GQrTM835RZXMob"
    "nyh34C0v+rlQljZpK0hQmjzp0CBK2V1MVMg8UW4c80TfZJ7IlSvODSXiB94EEztJE7ctQV"
    "Z7bu3Zc4tNxnajqsxL6orctwseN+E18cDLCupq3Hc1ak/Kw/Sk1JtMH0TFFjaZjrudasqs"
    "gtwRZczSadpaQZZ3pqsJW17omKCr8CmOQCnC2Myf+Oe0uOFBWdcVNt9QSnxhhR7cAYAHn+"
    "RODl46DXSA4eiT3BUmReUcdzoHhJgDQuJcRe9pBwkf7e7iwkYMiAs3xG3bQDgan3hJI4aC"
    "XsHWChob87mDTnMflvZzWNjIYOk9niPtOmXRHLnOtS2Wg+RurpM7M5EA9Id70AZ2wKBiKS"
    "vBLLh8dWXNgtffn5uADn2I2KfAxDZYkSe2Gc5iwZzlicP2xkG+NFdmx8Xr3Ji7jxchgWup"
    "7RGRSGjbEl/LhNs8qDh0ZETG4m6/c0+OgccxSdoo26W52E756Slg/2c42Kzoa09B+DnDNv"
    "LWKIw9Sg7FcbZOq+4+EQ4fmgN5EG6VZ2JWahzjw65btmb+D4IgLjL/8WqmQc0Koto6t2fr"
    "nE6H0Zq8DhUCZXOJKHZE1hKdE2NnOTGSVqbJ2GKXG9R+Izl7SxmJkrHHbKNQMpagGgQKeI"
    "am+42XchlXlkmPJ6/ms+Bq8v0lYNsFT0EYvXdKv21OwROtUfJ0Ctxg7iKLMx6MDnEDB3qA"
    "7Tf8DDJNFqwh9D0JubLTR2viZefEC6teBeTi2/taTgwSvWPdwqWX5BA8w6cRjhcS/WRrct"
    "CM6H7CYfvzfW4SvbmBrhGnIqGDryKiEmkNKuC9IDNDeQbDSep3UDpQVhWxO13s1XCGzjS9"
    "i1JGAkFMJyRonpCAcb9eA1YoKzdOtu+QOCHuP9+kGnOCuh73XY+hcqQyFKYSehRsl5YFhb"
    "m8fdNalfieVNRCibyuk+Z1EqY0DNdIlRzjlgzG0hJ2t9o6H85qKwpSZrvB0scatvksaeSl"
    "aJZI7w7Jy+EgGfmpKY0RWRk9LjQfFxbEnSPbhpgqpz5cEnkOxCrlQS6v66R5nWi/gQP1G9"
    "CRZZ3aSnWkRW+RFhlarYitsif9aC3Q/fuNR0EGZfbONAZhm7nTTe/cau38gOyXPnTXgLhg"
    "gbDpgFAaPCF/BbxoNz9gLikUns8ti6FJAPC0pUUbZhcF1tmlkq6Vbb1HZd8GS45yAbl6/r"
    "ix7J7NcSdrZLMGOQXRwQzzdjkNm6fYgPfjeesF67XpSiavigSBqchYDJ479yfP7FdaV4vJ"
    "ymjNpbnmMkJf/iR/VRHmE/lWJPI9bsO9SNJdSYYxxIRbmPBkoirDjCCm3fulA82wsqZpVb"
    "1bF3/WAxq6+OdEtYu/dvEfo4u/dlLv1Ul9P07WQhC/hHYohvlvYx6ENAO1KIhy2OvQALyW"
    "NQ/QNw8QwqwAXXz/MQ2TgqeoJQ0QL8/hlUocK2jN9pnZ84Y9w3Km3ZhINdF1RqRlcuuB4V"
    "fMbv1IAjo9uYrp1fNS49CAe0+AoQ3Th6ntahVJq0haRQqxvrZZdhb6bp/C7QFPJEpS4Z7T"
    "KjUJYSuYhz/XjAW715K0NtSvNuQFG2bSjuQKEFYYl0RBbWFqZ2GCa8UsXDmhcSzldm3MWN"
    "Pf7iLTUWrZOSHdqg/XbloYqk8yBnPBaBpdmYLoYIbZpBdaUeMjZjBlEbGhwTQ8muGla9qB"
    "yU8mhzPswIU/Bez/UEyq6ru46h0zq8aeMGWo+l56otyB79IV/VzFvfTyUgcOkd77avh8RC"
    "2bLW2ujaoxK6crcd9x1JouPEy6cG56UI0nzEgcE0Got0Vql1kyZNeaJJcsSh5RzFQWwzBT"
    "nBp6OZkjwq2Cz2cDWAdE/ruECr6JChxeL65L42fG9BrbIoVtqgMIP0HLDZDP6Lx/JmUOrj"
    "nWBTHX1Uoi9vTWXB1tzZWdFTpAcfQho5JZskXQ6Bo5tDCCZdYRlZDRdIz8EJc4rjbaa9So"
    "MINIjJPFOaaWaTKe4bRVcmjLktMKq6ROlyqh8xXTpSIoyc9bz/QSy+473NVGDEfL57vL8K"
    "MZ9skTpu2Z/p9hi6zX9DH+8xQkh8Mwp2iz+hAMkL8HxDcVRuDk/mOlJohlBRsElficjMju"
    "YDsbDmambdMmWGLmLvEvTEXGYTvND5eTy8sa4yW9q3TA5NdEI1f6ZgUoy63Qgtg44Ny1KZ"
    "que9GjZEF1Q4gDTVzSSBMhAdQ5leoL1WSd2jWuN3d373O43rwTgfvy4eaWTvNCfEKxw2sD"
    "0IEagFy4VHYVz8loUjmFpBNOdFmPyRsyF5VpHiVcXh0WKvGwbslCyVy8hzfGlFJQReq9JR"
    "5NaPchAbIbTi5lLCuJuRyxWYudW+ckNEU3sEH+tIKi85HvKHF0iYAm6VKlhzba2Emxrutj"
    "VubQg1xtOjQohgBnRA7cLVQ1/ZXOe1WpI8crI8VQUUHsmJjDqkDRbERgSzVg3GvWUzFMVG"
    "gwQwoSLa6GJes96ZK51movdZbRS72h9eWqpZ7e/2vg5FY9v3W9/9dB1KNe9nW57NNk/oGS"
    "+TqaQ7uH79A9vMbKfRBs/nBMJb1y1z9CBz1C9/lEosAk106r9JZoKzs7e/PWLUjuMAShIP"
    "AJIPTbBroewYD/QWCtTIyh8wPfKySsA4oF2jgQrM0H6NFy8UsS+ADZcL2hEzf2i9uS9PUQ"
    "aY7S8EH8cuQXHhVfSFQa3xv1jvi20ySTA73/Ky+leAebhthEym9JEz9YjkmnzvCKklZ3g5"
    "YHpNh9P5mcn7+enJ1fvbm8eP368s1ZMs4XL1UN+DfvfmJjfm5K3q7+ZeqpiTNpRnzf/qQI"
    "z8kfU8A/ZtgL5uzqHPJ9EMJDsbPtyXt04IlTJEt+lcwpXnzGy5zx+Vef5VBZ0EGCp1DhBz"
    "OMicE9M2l1REczvDCRw24KP5kUS0/PhNjnDFsMGoffkhwOo3JN36fDrmzv4HKSOSNylD6W"
    "mGq3RoRCA1VNIq7TKOyZxuD92FhF1aXgl5gX3KFvoipTvRfnROi6Fl3MKgwuGYkj8l8TMC"
    "MlsTKlkJEdB8h06L19dlbHe/vsrNx7+6yQq3vtLWXr8HIIE4ExQng+qYHg+aQUQHZJoCFT"
    "TUdxbstL6mlt71aWsDpkodjlvSEvNcYu0X1adqYNNNmDLBXTnWHPnSGmdRSrMCOmq3Df45"
    "m2jx2mfSzY2A0rNi+pK3avFVsIi8iR8DVVwJzMMdk+cx0itUzUhC0jcUygVRiMU2tRS5Px"
    "x6Sg4WFY11Sc61VyY7HY/jpArmb6pgHjlulWQ3KOjZqkxKCcNtZt5uRaVuQ2vq9Z66lnra"
    "AdODBjWbXIBhq5mMTMKk3NxHpA9lUdIzVYEmBObAmRUu7sGN8/Fvx2HuUS2Ahi2RRdnpIo"
    "KzOkbETssWPKRhTjaFAkytwpqmsglRwjRdiL4SHyLlHKsZWVGVKDHlt6LWZPdyguLBxVkm"
    "arvAIKgkOqhbENKxu6XFUZTOL7xziE9BKEjSG0PYMu3V3yaErG5UpvhKKw9kgYlzNbcRcw"
    "2zWjbbmEdJTs/BTwjxkO65zv/xUdzXCick1BcjjD9MkBOxV+yvzfLEIHRMj3CEsOh+zDll"
    "MtCzW7xUAnyGoTz55NPB4JXLq2fIBKJuu8VKPOKVZb7+p+/3OJCy20QcwEbZFAtp1nRSKx"
    "guRRunqGg2SDcSUnqAeVPQ8qC6Zi2QYJmvhwFIR1de7bDSBelTRxBBBkdWXuuzLjxWSTyh"
    "RkdWXuuzK1g84h+HFoB50DrdiCg07c7VQ3/yvIHWm0hsSIXRNBieSRYpgQ8Er4CVJHhF2F"
    "y1MMShFHZdedz3EU8n2mzMHhWdeNR2gtNTayy/bPDuA8gPThkhGrBo7pTNEBiqPfDrAwb7"
    "bYDDDKBoLabgaYTUEyvLVXacaWnDdDZPJqiUToO3edsZ+NCI/+3Q0TYErdDrPQbc1mk7VT"
    "bs9mc7+CwIP0Z9uAjhKLBVjD9Ry633jAo0PIS0LPEAzMZHO2l0/IjlPTFNPWtC5tS36ayA"
    "rnFhLTaLfGRqvFcrdGG1pIntu3nk03K79DL4TYTCux7BZtucOws7JdDaHMjFQRSpqKjNHD"
    "ox8nMc2RHQKVUuTI4jFfMWd7XuqYYnd0pJgOehpS0FOyaGuP3vgDn4RxSXm7sD7VkSI3Jd"
    "FIpARWuVKSZN0zsiTadr3kOs3X93INPY++MYhLAIws8XzoQhsgzFNgrhFGLymyS9dcU23j"
    "n5AunnzAaoM4Ej2l89L1jgW7D7yq4rcrwq8qCe6G6+fderV1H4Kl6BfYxiFwz9h1n9bp2A"
    "IAu0eQNqcn4tpK8T1ZmSFFlowtvscheEmnZnctoXirYiJycjocQofrdOpirTcz15uZa2pM"
    "So0VSIo6Ns1QY+/EjDcqO3Gv1rtIE45ftkxT3sSobrXceaLAVi357+QJ0Pd7ZntCvGRdMN"
    "VrQaTXesAELNsKWJkeoAosptXGNpNI9d0XxKX3sAn9JZvQwTP0vi2qzP0+Smr3i7PlZFU2"
    "bfg7IrV616pN94q1C9f0WdGmCbWjxDIyRxkfZloW3LB1h098WbR2udWnIHiU+Dmm5xt0mc"
    "FeTKEPC2Kj1EY6N89rF/2DWDwXfNt0Ksj2VlGdzhAOOp3hPwh95Ru6ELdWJxIFJXu5Uj/5"
    "jd1ozNM7tyoms+DN2eXFLLi8OHtD/7+6NGfB1eVkMQu+P4NvpuGOdqbrP4OwVGAxoyitCm"
    "D6YE07OligRwiIuzQx+pMrph54gegqE0wkykn/j9MGvp1rIvxTYfkS3z9O3aMXHlUzfwex"
    "eCk6xTUJjWsfFHd4K5jdByINeBVTJwapDtscOv23ZJvvMnOx5pwzqHzg6MrWc+nFytUcXe"
    "UY6/S+Gq5YbHn7jQc2jmlB5hNl4txS6QfA9zbywJOJ6EqKuFHwB4Vmgdw1v0fmg9VVsVLy"
    "mJbEr3k6WqT/pZpLylxgtkeKxLI7pJvS1i80dYcuGKA7BeHnDIc3TkFGYO+EVNT8oeqemj"
    "k5bSHX6+RjWCezuU5pUE8FjmmFrInRbtWKaPHRUqdQXAIPWLNIe5XeI2fspPLnYAPdRx7c"
    "+wlaxM2voEtvqlRJvPR2w03v36qa3GEIWKb/JQRkIeoPLOo8LZeu6R6hE5G6V9+egge48Y"
    "HpgRXyfOI+FxWUrgvXFPLO9RJeLU0Vk0R4z4TyCSZU23XoVf45w8sA2eyNpyA+mmHfdB5o"
    "9dD/M/wAn6cgitHYv76yceEjIoFntKqMYim6VtrUCl3yezLis3zbpVRiLAaWKj2ml42XLD"
    "rWK4apZ0SOKNea1r217q11b61GdqxG7kchugv8Ofnj9hHy9y5aZTKXK5Ugwm80YHJnv5uI"
    "blxiQc9Lxs/Yub62AnKDlgekg3w/mZyfv56cnV+9ubx4/fryzVnSmYuXqnr1zbufWMfOjb"
    "rbNZUH+vvka2M5wPH9O9sxadh+9hvz2SGmBMHyCOKMyJACiMe2NZ1evh3o8k2cH1SqVpTV"
    "O0jsYQcJhUjRPpdH19BFcv/j6ErloshM7+lzOaSZ19NumddH6JanD5WjlxEZC8Mk5LW8vK"
    "yxrqF3lee1ZNcEUol2DQUQo9vHCeCrWolBX1UkBn0lSQxKsC/Nr1qxeXQqsq+lYW9TV2eL"
    "wL1OL3/9PxsHGPo="
)
