from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "inspection_plan" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "year" INT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "title" VARCHAR(128) NOT NULL,
    "ratio" DECIMAL(6,4) NOT NULL,
    "items" JSONB NOT NULL,
    "filters" JSONB NOT NULL,
    "planned_on" DATE NOT NULL,
    "inspectors_per_check" INT NOT NULL DEFAULT 2,
    "status" VARCHAR(16) NOT NULL DEFAULT 'draft',
    "seed" VARCHAR(64) NOT NULL DEFAULT '',
    "draw_input" JSONB NOT NULL,
    "drawn_at" TIMESTAMPTZ,
    "redraw_count" INT NOT NULL DEFAULT 0,
    "created_by_id" INT,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP
);
COMMENT ON COLUMN "inspection_plan"."kind" IS 'periodic: periodic\nadhoc: adhoc';
COMMENT ON COLUMN "inspection_plan"."status" IS 'draft: draft\ndrawn: drawn';
        CREATE TABLE IF NOT EXISTS "credit_entry" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "credit_list" VARCHAR(16) NOT NULL,
    "ground" VARCHAR(32) NOT NULL,
    "ground_note" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "source_key" VARCHAR(64) UNIQUE,
    "status" VARCHAR(20) NOT NULL DEFAULT 'proposed',
    "proposed_by_id" INT,
    "answer_due" DATE NOT NULL,
    "answer_text" TEXT NOT NULL,
    "answered_at" TIMESTAMPTZ,
    "decided_by_id" INT,
    "decided_at" TIMESTAMPTZ,
    "decision_reason" TEXT NOT NULL,
    "authority" VARCHAR(64) NOT NULL DEFAULT '',
    "removal_reason" TEXT NOT NULL,
    "removal_proposed_at" TIMESTAMPTZ,
    "removed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_credit_entr_status_0e67c2" ON "credit_entry" ("status");
CREATE INDEX IF NOT EXISTS "idx_credit_entr_org_id_6e3f1f" ON "credit_entry" ("org_id", "status");
COMMENT ON COLUMN "credit_entry"."credit_list" IS 'abnormal: abnormal\nuntrustworthy: untrustworthy';
COMMENT ON COLUMN "credit_entry"."status" IS 'proposed: proposed\nincluded: included\ndropped: dropped\nremoval_proposed: removal_proposed\nremoved: removed';
        CREATE TABLE IF NOT EXISTS "inspection_result" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "inspector_ids" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending',
    "problem_items" JSONB NOT NULL,
    "findings" TEXT NOT NULL,
    "fee_findings" TEXT NOT NULL,
    "inspected_on" DATE,
    "rectification_due" DATE,
    "rectification_text" TEXT NOT NULL,
    "rectification_submitted_at" TIMESTAMPTZ,
    "accepted_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "plan_id" INT NOT NULL REFERENCES "inspection_plan" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_inspection__plan_id_0f1c86" UNIQUE ("plan_id", "org_id")
);
CREATE INDEX IF NOT EXISTS "idx_inspection__status_f53e72" ON "inspection_result" ("status");
COMMENT ON COLUMN "inspection_result"."status" IS 'pending: pending\nno_problem: no_problem\nrectifying: rectifying\nsubmitted: submitted\naccepted: accepted';
        CREATE TABLE IF NOT EXISTS "inspector" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(32) NOT NULL,
    "affiliation" VARCHAR(128) NOT NULL DEFAULT '',
    "kind" VARCHAR(16) NOT NULL DEFAULT 'staff',
    "expert_id" INT,
    "org_links" JSONB NOT NULL,
    "active" BOOL NOT NULL DEFAULT True,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL
);
COMMENT ON TABLE "inspector" IS 'An inspector in the pool: staff or an outside expert; `org_links` are conflict links.';
        CREATE TABLE IF NOT EXISTS "charter_file" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "original_name" VARCHAR(255) NOT NULL,
    "stored_name" VARCHAR(80) NOT NULL UNIQUE,
    "content_type" VARCHAR(100) NOT NULL,
    "size" INT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "text" TEXT NOT NULL,
    "readable" BOOL NOT NULL DEFAULT True,
    "party_clause" BOOL NOT NULL DEFAULT False,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uploaded_by_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE RESTRICT
);
COMMENT ON TABLE "charter_file" IS 'A charter uploaded from the phone (PDF/DOCX, sniffed), stored under var/uploads with its extracted text.';
        CREATE TABLE IF NOT EXISTS "leader_handover" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending',
    "reason" TEXT NOT NULL,
    "decision_reason" TEXT NOT NULL,
    "decided_by_id" INT,
    "decided_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "from_user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "to_user_id" INT NOT NULL REFERENCES "app_user" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_leader_hand_status_716032" ON "leader_handover" ("status");
COMMENT ON COLUMN "leader_handover"."status" IS 'pending: pending\nconfirmed: confirmed\nrejected: rejected';
COMMENT ON TABLE "leader_handover" IS 'A leader hands leadership to a member; staff in scope confirm it when the organization is active.';
        ALTER TABLE "organization" ADD "charter_file_readable" BOOL NOT NULL DEFAULT True;
        ALTER TABLE "organization" ADD "charter_file_id" INT;
        ALTER TABLE "organization" DROP COLUMN "charter_file";
        ALTER TABLE "app_user" ADD "must_change_password" BOOL NOT NULL DEFAULT False;
        ALTER TABLE "app_user" ADD "consent_version" VARCHAR(16);
        ALTER TABLE "app_user" ADD "consent_at" TIMESTAMPTZ;
        ALTER TABLE "app_user" ADD "phone_verified" BOOL NOT NULL DEFAULT False;
        ALTER TABLE "audit_log" ADD "town_id" INT;
        ALTER TABLE "supervision_record" ADD "suggested_level" VARCHAR(16);
        COMMENT ON COLUMN "supervision_record"."suggested_level" IS 'normal: normal\nguidance: guidance\ntalk: talk\nkey: key';
        ALTER TABLE "organization" ADD CONSTRAINT "fk_organiza_charter__073fdba0" FOREIGN KEY ("charter_file_id") REFERENCES "charter_file" ("id") ON DELETE RESTRICT;
        CREATE INDEX IF NOT EXISTS "idx_audit_log_town_id_5dff02" ON "audit_log" ("town_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "organization" DROP CONSTRAINT IF EXISTS "fk_organiza_charter__073fdba0";
        DROP INDEX IF EXISTS "idx_audit_log_town_id_5dff02";
        ALTER TABLE "app_user" DROP COLUMN "must_change_password";
        ALTER TABLE "app_user" DROP COLUMN "consent_version";
        ALTER TABLE "app_user" DROP COLUMN "consent_at";
        ALTER TABLE "app_user" DROP COLUMN "phone_verified";
        ALTER TABLE "audit_log" DROP COLUMN "town_id";
        ALTER TABLE "organization" ADD "charter_file" VARCHAR(255);
        ALTER TABLE "organization" DROP COLUMN "charter_file_readable";
        ALTER TABLE "organization" DROP COLUMN "charter_file_id";
        ALTER TABLE "supervision_record" DROP COLUMN "suggested_level";
        DROP TABLE IF EXISTS "inspection_plan";
        DROP TABLE IF EXISTS "inspection_result";
        DROP TABLE IF EXISTS "credit_entry";
        DROP TABLE IF EXISTS "charter_file";
        DROP TABLE IF EXISTS "inspector";
        DROP TABLE IF EXISTS "leader_handover";"""


MODELS_STATE = (
    "eJztfXtz2za691fB+J+mM07XUeLEVc+cGTtN2+wmdU8u7+670Q5LkZCEmgJUXuy6Z/rdDw"
    "DeQZAieBFJCTOZiCbxgNIPwAM89/892xIbOt4315aP7pH/eDYH/3uGzS2kF4Vn5+DM3O3S"
    "J+yGby4d3tjMtlp6vktv0Psr0/EgvWVDz3LRzkcE07s4cBx2k1i0IcLr9FaA0e8BNHyyhv"
    "4GuvTBl//Q2wjb8A/osT+/nHm+6Qf87fTK9T3D9M9ooy9nDr2gdx3aIf/bJw/YQHbUktHw"
    "28RdC3fZK3Z3xgpBx85BEDbj9w3/ccfvvcX+D7wh+wVLwyJOsMVp492jvyE4aY0w/05riK"
    "Fr+pB177sBg4T94gi9GKXw16dNwp+dobHhygwcPwNhTVwtgtmY0G/j8R+4Zm95Onv24tWL"
    "q+cvX1wx2Nit5M6rv8Kfl/72kJAj8POns7/4c9M3wxZ8aFLcfOTT7grQvd6Yrhy7hECAj3"
    "5pEb4YrCr84hspgOlE7AjBrfmH4UC89jf0z5cvKuD6f9cfXv90/eHJyxdfs99C6NII18zP"
    "0ZMZf8QQTRHMfq0Cjp/gHyVzUCA7HJpnZ82xrMDu05t/fWI9bz3vdyeL2ZP31//icG4foy"
    "fvbn/+MW6ewfj1u9sbAVuL/vY1cR/lE/QNDrYc3Lf0S5rYggWQs/R9IVxvwZ/d0y+FfQjd"
    "OUguF5h+eeg6j4ZlunAOsn8tsLVB9AeHT9LrBbaRZy6RQ1n4HKTXtD19feBCw9sRymspTe"
    "5v+i47oHjQr0NfFF8u8Aaajr+Zg/BzgXeUUT8ay4C+j86EOcj/Td9CtluKBr23JvfQxQx3"
    "+i7J3QUmbGeYA/5x1mCxPp/VWKzPZ6WLlT3KTyi6DdH9yli7JNh5SmxPJJzGgs3jObu8rA"
    "EobVWKKH+WhzTd2gtwfk+R8NEWyiHNEQpw2hHlN/HFIddqJ+zw7fs3Hz9dv/8lxxO/v/70"
    "hj2Z5fhhfPfJSwH3pBPwz7effgLsT/Dv25/fcMCI569d/sa03ad/n7HvZAY+MTB5MEw7i1"
    "V8O76VG0aI7SaDmCHTQzjwEHpojYOdYUPTdhCWnOr2rMci+WGGtOsT3zGNKW1Ke1PaqjIk"
    "epOKYHRknO0Hh5glp3NHytJWjKAGghGPGseU//728827N+CXD29ev/349vbn/BznD7mE/T"
    "s9RfJf+eHN9TsRPvpqJfjC9hq+WIzZmVakcqmposiS7FdUjIPvdqOrSGF7MJHvIM83HLRF"
    "kvVbCl6R8HAQXowHP2sDrTuEDde0UeAZW5XpJyFthOHh13LXKKZKzCYaiJT6gHux7Zorv7"
    "ghh/fngH9QST9Y0kWygTYV8uNLKt+zn+E47G5y2UR2f/ayxi7+TDxapZs4eyRMZ4JXyN1C"
    "m8IbYBV+IKE8SYaQ8EVVAIuEp42fB39vgl5EdpLYhczEcKHpyRTl5eJMgXCSQs3FRR2h5u"
    "KiXKhhz/KQJly7gd5GpO1A0h/VsX1ygn6y2TYYTJFWD+bQg0m5ld9sKHOU09S/ndHfYN9i"
    "5zGaRxMZ2WjKVw5ssLMbDmyeUg/soAMbffmsbBHbL5UcSUSyExWRY6a1VIVPpDtR/FI/p5"
    "rApQSnqhvMeIzVxCxDcUqgMY+51Z3U94vOIolWn7gQrfE/4GNBsSXAFnkd3rprE6M/zdiT"
    "aXww/hVPhfhuyjRc8yFxJsysKvor6W+DsUL/46cPb19/OitMwA7Q+wDXk8cts7JqAJfsmY"
    "dEbzBxZi944hGiDoLJttkBhJ89WEd/MmIAxUNEDsGPbz6Bnz+/e3fGGeHStO4eTNc2Sjgi"
    "xeIeWdDYkMCVqPxvIvIf/vEBOgnDk+P6Mezqp7in6SxviU9JWyx4JxNDgc0XMiOZeZKbQc"
    "VH29lWvGNic82/NXs3e5Nsz5R48ot7ark3PxFb9uvRX+Kon1q5Eo9b7arftas+/ywgV644"
    "j9sP6/jcUGH+bHZVx344uyo3ILJnBTnVRsyIZSsBKZA1wlPcP3ufjHk0a4FZgWUBSgeuTc"
    "dYEVfiVVDPMp7vYeBokjOPWIh+He7fPQfZvxZ4RQJsR57z6fUCR62iQ0NCFf3dxGg+qxOd"
    "MiuPTpkVolOmEEFRd4woRUBf+miYHoc6HBHZXTo2FoL09xg+tDZ0ZDJ/scAK0+XRE9FFNq"
    "ghGczCrTGGM3gQe8hH9zDaZounNEIcaOISh98itTDES0re1xirHk/qm4tubm/f5dTON2/F"
    "WKPP72/eUI7HoU5d9yTOPwlEJjNAFwH++8fbn/ehm5AK6H7G9Dd/sZHlnwPmH/Cf3uzY/7"
    "UKsMUQBiyQx0fY+4a98L9b2Lcr8GeY5PAvhIKJUV/neX0+60AMBXOpqM/ez76nsS3dwfdz"
    "NGlHh3TOQi60pN5Z/AGL6WKfC8rWTIf+Rf9vwmy697/ygh3jhB5xDcYYVU5QEtJOTlEHUM"
    "H2fyrVLv6duPjrONz+4nDZEQjapWGTVZugQKi3wOZbYA5Mepb9Q40HS6mnMd/z7OPyWZ2D"
    "NG1Vyj74s4J3sW9avqGqZRHppgho94JJjMqOYgENKnu5jzsfSgSUcsZc0cVEzg4H59Ijj1"
    "QoqLjOdhCzrAKSw3D0ZA6iiwXmeWuoYB5+LrAL/cDFLE4hvmL3fqNH5/BeeEWP0TA88dMP"
    "ej/710iO1Rz3Usfo8gVSIJwG6zl4DhE6++lwl+yXFfxHoNPoVqG7Qg5kU9HmP7wAc6Ueqr"
    "SPA2qjEt40YmVUjFOYksVyzMBrCrXYhdb7CaEVHJ8t3C4pWKrRUnLik4z6YebiEA6ps1nl"
    "XC3Q6kkqHrLv6Q9fw1ZmuEInB9znMAnTjAhnPzrwc0D/W+DfCEXUWLr0m2/mIPvXAiOGeG"
    "D5xGU2oPh6gVmndFzirgc/36XfTVm2lJBO4xTSt3i5dEx8xxKbSdhyJU/JE/bGUAqSziT4"
    "SaylZ4YRB95Dp7EoKevooHzF3UZWkzxnCR8w7sA+F3gdIDtMYBdfLbBvOnd0BOn/C3wHH+"
    "eA/jcOThKJwgY9xOG1hJGUq2GLlB3oYUelUOlF4RrCZbTTqxQ6GX6DTbfIBS4qWoqKlXFM"
    "/whIdUVJgXAam+jBRfnQza3lbBc7GSPbN5fxnfhqgamU5gae/0Bcf0OZfu7Pccx/E+PAZI"
    "kQWD5Xww5KEvyVWIxlxFVRqFPbAFgQaUlYoo7CnnSwLgdGR2Ef38AWgk3M3c4l940GViDV"
    "GTCGzoCR1emrBYUXKU80LFwnJWiDXlZbqAaghPJEMdRR9u2j7HWgeBKqqwPFDxwontlKOw"
    "DxddjdD1Fv00WyeMKoAWZ2V+gAzL+z7m6S3iYLpmSzbBGAHxUnQ7BlxHm2FNp0+GW5uqct"
    "HLyvD7yrCUNiMcNesDMs02s7QV6HXb02vZFK+fUAiXxkTd+H213bWfI67O067GzSsATYQo"
    "5BmRB3+W+NC+/uTdTblIEJtfMQ075aryDe1xva1ZS5LMLeLhxWymk9+tqWqLxN+vvAu5sw"
    "NJSpmNZmC3Hr3SfpaMJorOkJhzLa3c5BYem8lqD8yPq7TrubMDSmvUWeFy4h+sW81vMl7u"
    "9D2N2EodmY2GYOdi0ReQdNG7o/RZ1NGI/QKbYlGrfu+j3vZ8JAZF2kXGgR126bYyvt8APv"
    "b2LgKKXbSnH8k2yXCPITjURPFAN4i+EnQv/bD+O/eX91TzXjEcv/UsxAFinEJLnHUlVZed"
    "YxN23Tab6xL8x3Pjon8K/1HyEDmU4qdn7cScU6V+73XP27lZ/sAL6xUjS5Yp5OXe5zn+iZ"
    "MzmQxuEApZy3rdPkLofN2Na9z3wYNyvZI6v85VMiHYsnBojRfUrNNpqjOSGLcoVxNN3utY"
    "EvNz1KDFJqNhQDYaPCitqTQWU8CBf5XwKL3Cp/YiYm4q67nCOKlQBGOk9iUNrPkOlWRhC8"
    "CJBjU9bUDowJMmgxTcdq1Q6CyaXaFywlVrAMsyYu29tf3ya93dQzwY4UFUx8ZLUF42feyX"
    "RByPqAtMVCzS9mTDxTSYOpqK7LVZOQKO3EahPlqrtCiYu9GryzTxsIIrKnnAw40F7zVMgY"
    "Apc8gB10QVgp4hwg3wNbhAMfemDlki3gtcSfIvw3EviAuMAEFnHd0Ej6jahZ6P1ldaocBP"
    "QLROfwTCSQrmjQtfIxGjkF8DIUp+RenNeC8fksS6ZXnfonS6dTqfwlbuNqavCo/TQiiQ9Q"
    "i1rHWh5FSB4HRsdaHt/AlqnDFGPLBKpT3YMzB8SawGUoThW08MyuBluOphvgpnBorrCYBJ"
    "ESqaW9pKYuakTy9blgLsmsqJyx5PX1x9fX3785k3K7DpCbpt5fRE9g5HIEy61NRV2HuM6L"
    "SMdOWDVxbl40su8VXhfjHPOqgXA7DVEIl0w3lABZrhVKpkM6ePv1QrdMIQM9ZEPsf+WBnW"
    "NaECDMFTVxh98BfwNBODRgZyIXbM076AGbBPTVwAuWW6bDoYLW1oGeV9QH9fUSqfdZlk1w"
    "Riv6n30RF06a6Ij2RvvDROuJOtcTjT2xfV03KwrbCrlbllotuVzgBxP5LOceu51eL7DFfo"
    "3j8Nbxpbg8hnHESqZ6/dmcJTkh1xetIjk6SVqrSI50YGXRtSGPbrJkBVqdkGrohFTxFtpk"
    "MAVaPZhDDyaz8tLhQLjJaIrEejhHMpwk8FuMZ0qtB3TgAdXGBW1cGFRLrvW9TfS94izUdo"
    "Y6dgYVLXmtmOaCi17boGbRO3Cse1/rqGY+2yQq8HgWVijAdzsjnvLdxjTrCOZ+lcMukSU3"
    "rKcajmkP6MYV2zLOCogmj+aJwWOBHZ75Yw7CzwXmYQhzwD8WmGVewXPAP8ahGiY7iGUzud"
    "yVLqXopKzvYcN0uw8oD1glHjUEMyQ9VUaeGIYYWXfKiQ0yNFP06uweRReajnLJuhzRFHHs"
    "PvC+RQ10Xfu8bvGiEKl76CL6SlXX+CKx9o8Xgw6wx4LTWSozJKu+VZWFo0A6kTncfz6TEJ"
    "lG1qUMpVZ3DqzuZIKj6kaZpdEHX8aETc97IK5tbExPkmC9HMkC4STZy+zysk5UzuVleVQO"
    "e6Zz/vS3CW4Dz49KqBrxpFPEtqwLfd7QvlJH6FJT3Codky4Ah6wbWe4LxPrkM/DJx7PIjl"
    "XWZbldFCN7ipQn5BdaYbrMAtOBAW6CeXfOxTiK4lTpJj1atFeUm9hOIzNaTXtjrSzUapbG"
    "EZl9JaGKbbFoHMA0EhTyNaNZkjjkd1EOQq0Y0UgXzWC1iMaKx7CliEaLysCViEaKS8RTHq"
    "HpegazALfdhUN28v9pf9MFJapl4D1A2HbvCcsYfGQ9TRePJfGNFYQ2O9G1g+OG+D9kOpro"
    "fszw4AVx2jMSCsj/RD29I+vpTpGofBdxjZ1LWD3Pbsp3kQlzkWHKdo0UjBFU7Ro1MmT5Wy"
    "cHE47LbdzZ1FGhvIRebLvA5Jewq+kiMoLibiNFhv4cxHxG2u4534f9TCzAIO9wF2ZB7kah"
    "NvVsyCEYbNNxyb3pdJIb+jrqbMJzxAuWSeeta92lXU0YkWwd+raKgbCrH5AzUpNmLUCSap"
    "nGmnLElgUHjqZmZoqKCy1IgWnJX48GmKiY6Aa11ZZMtaBow/gy+McOun4sMZdDVz/A7A3v"
    "cVpbtmJoWc5qIQkxE60aFaFmWbMKb9pxDc2McjX0DFhL8pjFT1mZm3wuM9r0CyMS7urAtf"
    "NuA9fiEaiJXNy8rwjvUaKXopWZpzUBy1CcKGZjz5tXgI/JTgZ9rxsJkUKAZOYphTD9Y4Ft"
    "11z5c8A/FjhM+MhbJZcLzOdDlCwkLHYa/7XALvQDF7P78dUCm5YFd7yT+GqB2YnJDuAcRB"
    "dn9ca150ACpplBLrQNr1SZ9/ePtz+XRWxJiIUR/8wiDL/YyPLPAUtP+J++Dkpn/7UKMP8a"
    "YBkgx0fY+4a98L+Ls0H1BCBDm6GSc7UrhCKJUUfneR861oEYitRkEMaKPXvtpLB/9HzIzn"
    "TrwJXJ1BUjUKDU49B8HFb0B9LvozQCWZoxYT81/kOFNdWQj5hEhyEI7CQ+PTRwVhdpta/6"
    "0L7qfEAM5pIlGcxyR3WB7HAZti7GI0mkzp/KGQEkpDovgABMkwhggVizl4HZCxco5XXkyh"
    "M85IimsSwOndkhK6g3WCgScr1UBl4qoY7FcKHpKSsrRMoxSQpTk9LS0rhGpMsqrqyy7Uek"
    "rFpUU1tQbJEUVGyhWrABBxJINfcZPDlxqM1tMJQCqR7KoROHR+E1PnS3BsQS61AVCyvSHj"
    "kT01kVjjSrgq5AcxQDKwkfTKR89azwcuITSrKQy0ub+LPURC8lOKWU+iUxmmrQFQlPCcKK"
    "1B6CY1brzB4KIa8jcls8F9J7FKdLSXYPYT13AOGtuzYx+rNuKNeIQUzZVQ3whJ2hAyBrln"
    "kYj/uniJ98s8xh+fHNJ/Dz53fvOqv4oOiBmk0TIXFAFbJIlPufRmHm2QQWnGBvvd9rwGme"
    "BjvAiEAYtw9WLtnyArxM3/YdbUM8enf5CGzIcvawXrma7MkiePnCfLEIvr28uFgEr16+Wi"
    "6Cq+XyAhAX0GcWvAqffV2sAnzYV+sqDrrE734FMJuDRWUvvz3nE3SBwwk5jyamOKuHcRZU"
    "NVFp61SVdYoEPt06GhcgyZAPm7WWnsLuyV3oAMsvxlx/OkItMgOpTOYipZ7WFdPaiBWfdZ"
    "WqIp1WqGqF6tno9W4SwwLfsJuMa5ZQ24cGtg9Rcc5VLEKaJTkltZVYxItO4qUidCKZVjVr"
    "VXMjPSlfgx1opcIseG/i3saHY13tVJYp7S/dqnWjtXSjcuxiHqaVokWGPi51aD5FrEwjWk"
    "giW64UZXNESGFbVynKa3GCiAj4hErQprUBJgYks4TAE+IC5HtgEbyAz8xFcDkzn7Hr58tF"
    "8GrJri+fX17SO6sX9lceCK0iX5+DB+RvuI4zkq1kytEhvsJ+JWk2i0D03ehsorDpXAJdq0"
    "+3dAxISdHQ/VqolPpw2hC5FopX4psD/rHA98hD/hzwD1YKl84hXgqXfbIo7x3LNu8Rl4V5"
    "x9ej0lANpRbscEQ4Jwn1gvxigVcm4krB8HMceOfYSwH0cn2VSNdSXzXcIaimwkor/7vUkm"
    "r135Gq/7QI38BbzCKu3UBrVCQ8Ib1RhRJES/HNpfjMnNJyvGyJjUySz1c1kYryhcIn+2T5"
    "fOGVusJ8DBXzCnr+ckYlYuuFOefCb9QleDCZaPyU90wbUrn61w2bXwT/es7FawwfAIsqAZ"
    "AnNAG/xiEmv8pk9wO8UfszHVwgj8ZHRRbJkBy7GNIkXqvDOK3R46PFNC2maTFNi2laTBsH"
    "glpM02Ja/9CNXEzLxJtJJLR8NFrN7OdJKNx+0ewWw8ggCRjRnMs9K+QwceeBjh15OA9NlE"
    "sHrUNzpxs4EJjY5vfjDKuAW0YduDYdsCJUZOLVN4qC2QHep8Wy08q5Pg3wUrDCac7Ls0oi"
    "c8olNZHu2KW16Pdy198mQKWEx44U5fDoHqraaLNEx45QGLYIWT72JaT7hVL0hZT4+BE75u"
    "T3U0spF9VFYEWsd03ymsrodRjF0Gm2tALtSBVoOtCjQ02Qdh3v0HVczJrTtuywUJ5tfGym"
    "DFm1Kn+KOp1shIxEqSME0OzNKZIE7uzX5/xzY/ph6g46Cp4P6IYPd2BFAmwDc0kCHxAMc+"
    "7roQrGo+uI9nge6lW4Zzq8Rzaky6moxOnrJVpzc3DNja7/1qD+WziNVQSiDMmYxKCp1eAJ"
    "YVSvNSKQnWStkbGnAipWLWSzE8oKFoYP5iD8XGAbeVvk8ZRAySVLtOJBI0wblFyKuYPY39"
    "B0wxv8Qtzshgm8SH5Gg2QsMlrtwSLzYEmRasDSpcSaubdg7uwUqXYWyZKckLSslUgnoETS"
    "ycePYmALyccH966bgsha0AfW0WixU15LfZaQ7XV860JBnbXHme4Ww0+E/ncgV7q+Z11Xjn"
    "RdKwE/siPKWakSMHx8XkMJ6CUt6zl1BRiQFdfShR0A2gRCTDGMMk8wjdzOJYyzlTlqqfeh"
    "VXg6x+9+aYU2DaSSffhgDsLPBaYzkM22OYguqKzPM1nYPJHFGFMm+MQ3HSV1atT+JJVSlH"
    "dY0IuSONdELEdzkqilirGakKUEJ4kXdF0i8U8tV6ElBFpvpiO/jlY0LeocVggjb9NoZAVS"
    "7Vw2sHMZPde5fgMnpALdCelVK7yQUliKWJ6eG1Jhkowqouo6sJH/jqzPJFJ38uy8MpqKtT"
    "KcqNk+ebsc3lrJHJe/QcsPpwgDJfyTwqqWzvEGrY9IWP52Nnv+/NXs4vnLq8sXr15dXl0k"
    "67n4qGph37z9ka3tHBveL1LT0SaK1fmyJD2xzFHqJUTQXOKU5Geswi2mmsZ5u/e0i0luHQ"
    "UU5Xrt/twzWk6+HIQvX9SA8OWLUgjZIyFgIs9V6+IokA2cJbQhms9nNdB8PitFkz2Soilj"
    "iHuxlLLEiSDZ/bwsiz4r9zMpDTlr4lwyKpmqFy8Sc+XLSm+W45sQaHhrwKvujqad0KqVaS"
    "xWEnqqzDVPNQ1k++ath/dln/yZfVqa3K7BPC5FroLPTJ/alxvi/wChzTo7kyhgso/Pq3Qw"
    "S+Ibq2zLvW4PnzYQmN4ddL/ywD3xIcvoyQKRTOw9QPc7do+lmTHXdAYAa2PiNfQA8ou+D2"
    "060g4QB3eAuJemdazn/nDfc4rHelCeBbs5CHbMu+EBM++GByxOyjpb6lWNHfWqdEO9EvdT"
    "VrwdygJtyg97GZJpnEkOfdrjpzb6HY07KLEklJ/3RLpJqnlml5c1ZihtVTpH+bMpH2G0MV"
    "o7wJ/WwBYc4AMPKtpWMhSnmmA2PHpKYfv8+e33JaqtLJGAXBAg+xtG2gS/Azlzy6AJldfh"
    "7M3OS/5TKk34gSdTDPZlvB9RbMC5YL3PLKcaPvB7BEdxihYRVgw0oALi/0SHnchOP9LZuR"
    "fn3PLrO9pAgE0ueQvAVgvfyZGzrh8EjxmIqZKMrbQrKkaHWPBSmS5cBZ7pfP0djx5ANkAe"
    "b5jABSwHUSEikb3lwQl9vaiOz0bYQ+hRmzuZq/lslHPuIVh2JoaYv4n996KnAOI9XPy8Qt"
    "qP8VYRS7M0U7FEasl06pJplksIzlqEsEDDqlOb1F1/SelGiWaVB9bt7bvcZL15K87Gz+9v"
    "3nx48oxjSxuhcJMsOwSrLPyUQquj5MZHvkWWZhmpMkCKlI0QHsBRuGdfGZ/sDPotVLDMkE"
    "wSxF64JwMFB9ulbMFXGHSzRCfkup7TiCKfh2kr58kqEp5kuNgDtDamz/NFqTllFAgnuZq7"
    "d8xgJlIMJVGx9Wx0GfKhy7ZvEUY83t3czkHmjwUmqxWyEN0QTYuvnjkQ7zSx6M3qjMWsfC"
    "xmhbHwoOexJa42s/NU0zhL9T2r75bGPXQ9RU/tPNUUkez+yLSjgBAsC5uvFJSyZL0JSkUk"
    "VYOABhGVpmUV1Y5dtY2iBzeeTfM8PBo70HiDOMvMQJ2Hb2biyzP+fAKjj0hjY9H+VF2CI+"
    "FkhuEvRcPOaxfayC/NJZ99fF5l0rF4Q4Vc8uW/tFZYa5JnK8owpGYa0X6P+/0eoxFlwSmN"
    "Rat8F0OLV+YSE3drOnMQXy0wlZzcwPMfiOtvHucg92cTkar7cM21yyofqAgBKcVUrFF9iw"
    "AhIoZqhXaBbBri1KGV/HGNjSKw5VFxWZoxJbWeWuE2jwSuBVVtqnmqTrSIvW92PWtbxp7l"
    "sOhOsXPJjnjSNIfxozmIrxYYYcsJbHYvvlpgmz7d8bIG4cUCu3BL7k3HSHsQ70RtkkfNEi"
    "POLuooHi/KFY8XBSVP9P2UMxIVCU9IjpX4gNqBUvXSPNWxly2Nfq1PTwwq5wiBTJ8jZOeI"
    "2DGlgVJRINXZ4QbODmdDi57v1Hlxge5EWXGMg/pKyFPqhTCChcAtmw3qLBVJ9b4h3TcCio"
    "qLfCURKEc0DVz7FoHik36THCwi5TQQPbw7ZF6WasDfS7rQjH5gRh/Jwk1HVA/kWAZyWp4N"
    "nR9kj9e1YfDCWNMQQyo8G6R1npQdG9pWehqPh4NSraeDJUiiI7CD3Kzxi2PiM4lNX2hxXm"
    "XWR0lbYxc37tOyr634DdbseYUV/xGaKhEOcfNTYnk5r1tUZmrfbwWKaYd2c9hBFxEbWXMQ"
    "Xy2waW8IvcE/mhhseqhkhXy1VN4JwTSdGp7N6uTPoq3KMZwVcmi5bBuVHFShhbamUyJwxD"
    "TiETUk+iYiHiemVeaaN6/fvr9+9+Tl+QvBfzkG90XBakgbbJXKcicEY/JamFop7hX93tBV"
    "wj1DMibkp+Yvws5wmMqoMv1euY03T3XsNt7oyEtcz6D7p2FtoMyjuPzsWUJ+uBPVbDzHqb"
    "G71UhWue2aK7+4pMP7zFWGfjDXGZOn0mQf4zhPeVCWCqIq5k6aA2Kkqvq+jR9sIA2Ed4FE"
    "7Ve+K+Wp9MbUfGPiC6mJvTtDp3XngxtB+IJQzQsgkp1kVoDYeqDqMlOgO1GXGW23OSK7Tc"
    "EIUa5Kz3Ifj0IpOWzGwX8//GN/2F+qG//AuxvncFcG//VvWIigqTQtpPDVMi64afNOzQtf"
    "zmKzBbNe/UdbG/q1NiTCL92M1PRqIuGYDtNT06+NXeqWBLNAbDMECxjHT5gtg18sMCbM+4"
    "m+bEvxTq5ZXAodttUjb5xeL7AXLLfI91nESnK5wKZlwR2/GV+NQ4yPfo6hrJkuEOoV1EZD"
    "zSebZADKvSCzNNNQqhza/3EFodEIWYFOoytDN9pClbX7Il1L/f6oVCgS9X64NSArTEWoGO"
    "0mJT4pwFRD3+TUegXL/cOzWCWHlUZOxVU9aUXpwIrS+MjZJNQxT6qHUvuLa72j9hcfhQ6e"
    "qdoUky+kFKcEWoWTfayubOllX/TxHh+Sdf3sM5NE7mgvLNsO4NNBCgcJUiDuWbkRgbi1rA"
    "dRs73Vo64xSCjoFS/VtCPEmQM6GVYrQO+aGJDA95ANAfxjB13/O/Arw89B+M77FZguBBTv"
    "lYMsH/B7xdJRvb1Fh04c3JjBPwvIlXtUxe2n6Z/efdI9Ot+RgxIeWhdGgWwaqoID+PqXh6"
    "bIcTx8OMoZ53Hdodi5cSXkt2pH1BzNiTrXJNuTikEqR6SNUc2NUfRYg+4lO1F1mbeE6IC1"
    "C5INXpcu0AqbQytsdO0CXbugI6H5YLULFMXma983rc0WYqnzXebpeZXgbObb1ZGcg51DTB"
    "vagB7NIbiDOx8EdJRccG+6fwsfeuAJhvf0FsXunrZkbkTIMh3n8evvmEDr0/cBNlFYnWQP"
    "o9UK2lL5uc931Sot8IBZrk42pdlQ8r/oXNAFBrqWr/NA1xVr8lRa1s5iqWavyJCckvJ9Yj"
    "J1Z+J090FzxEVrhE3HUNWUFQinuYx7KUzr+YRlMlaFVCDrBtDDZvW/qpMU/qo8KfxVIb1D"
    "dBRQ3mNEumlOz2cXdQClrco1aBcFSD30pwTK0k0mbn6qG4y3MWeXL5UWckIxzVnXQ31frb"
    "E5To2NdrFR5iexcKwcJ1wk1CqvaEp1oPE6HX+RksmotYayJTYq5eEbbsg8kygOoyfnVUrD"
    "tWvSAzFMW9ZzuLlHdCCBC+8RfIBu3tOF2eE8QDJLx2P+Mo/ggbh3YEVc7i1j3yMPgieJSw"
    "xPqPR1iedNr6/TLjjaBWdiakHtgtOpC07I/iiDUAEzRzRFKHtRc2mXEu1Sol1KtIJi1AqK"
    "4V1KpnCAK0jX5fJNhgN5HpUOmRNCy4xNofBynXQ3zkVSJkNKMjbtc8e5xfATof/1K1b3Pf"
    "F6csXpQELOTKVSWTk/3epJzYaZJ+o4zxX9Ek4U8M26jyR1nfGqZwl17LmWJOdXlWRLxTRJ"
    "PNFSENUG5xeiKmYY3/5YY9OgfqGEdBpy2qETVHgWYYerArTlEltK0YG4NqpMBb3IZT7xw8"
    "obghBRVc8joWldz2NU+KblPGa1y3lYZBtvr/XXfkKi13zpmm8i2+YIdZ4SnadE6yj60FFk"
    "zv1qqooi4ak6VQwTFjpR4Cp8KQQRtKU/wI9Mdr7Odzk+SOvqMYqrbb9/RWptbwllauCfLo"
    "C5BZfD7gNloR/evv40lGNFYaJK1EayybxPbSQsp17rrn5h+YPpa7cRwJFigrb6kvW6S9vo"
    "cKhT0yQVs3bXK5Ulz7/tQj9wWVG5Fcv5jleEqZOEW6xVhjrzx4I+dalQa+xMj6uicn8ucM"
    "QsQkegOcj9Sb8Rl0zo1+Gf9G8qWBr3iH7Qe8n1AtMF6JJ7rvyKrtg3+o0ny2VfJ7xa4F2w"
    "pAuVntB8ZME5yP1Je6GHPchkTIOpf3lvwp0FRtjgawt63hxk/lhgyyH8B4afTVRtszoO2b"
    "Nyh+xZwSGbfjv205VjVES6aXrp9OJZsiJW4BkmFVNUAM1TTRPO7uMFlvQXr5CFTBfJlJXl"
    "uqACodYIyTRCZMlWMbpXAzdPpZGVIcsUKA7CEqZarmHP0miXqOaq92Vg09Mxcy9Ts3CIdH"
    "oMmo+BC+nv9biycSsvIlhd2VxCPkyR8xaFBWuYRJ69ULCJxEfXZpBKqI/TzKSEaSipNLA0"
    "Fwj1PigvZbIihg1NW74ZVtUyEQiPvDYHW3xeWD9PdSpKSPVklBpAE40AE+nVDr0yWo1yNc"
    "rKBYwkpEe+7M01PUWt6fc3uApLdU8vUh/nnq7iOhJq6wzPN2UWl/LJJ9Id+cyLfi6UpU3a"
    "CxKUJk86NohS7S4mKso8kW4a+0TfyjxRV664N5SQH/kUbFM6TBcLG5nnFtuM7UZDmafUAz"
    "m0Cx434TXxwMsS6mEcehi1J+VxelIGO7vhwOYp9cAOOrDRly8uWNWUWQW6E8qYpdO0tauE"
    "mHOmqwlbnuiUoKvwKY5AKcLYzJ/4l7S78UFZ1xU2P1FKfGF1UUTlJHdy8NJtoAMMJ5/krr"
    "ApKue40zkgxBwQEucq2qYdJJzb3cadTRgQF+6I23aCcDQ+8J4mDAV9gq0NNHbmYweL5lPY"
    "2y9hZxODpfd4jnTplEVz5BbXvlgOkmtcJ3dmQgHoD/egDeyAQcUryi6Cy2cvrUXw6tvnJq"
    "CsDxH7HJjYBhvyEBWapdITcVhtHORLc2V23L3OjXn4eBESuJZajYiEQtuW+FkmLPOg4tCR"
    "IZmKu/3BPTlGHsckmaNkB3FxnvLbc8D+X+Bgt6Ffew7CzwW2kbdFYexRciny2TqzuvtEOJ"
    "w1B/Ig3CrPxCzVNPjDoWe21vwfhYK4qPmPTzMNRlYg1da5ga1zOh1Ga+V1KBAom0tEshOy"
    "luicGAfLiZHMMq2MLS65UdUbydlbypQoGXvMPhVKxhJUQ4ECHqHpfuWluoyXlkmvZ8+Wi+"
    "Dl7NtLwMoFz0EYvXdO/9qdgwc6ouThHLjB0kUW13gwdYgbONADrN7wI8hMWbCF0PckypWD"
    "vlorXg6ueGHDq4Bc3Lyv48Qo0TvVEi69JIfgGT6NkF9I5JO9yUEzpMOEw/bn+9wkenMHXS"
    "NORUKZryKiEmoNKuCrILNDeQbDSep3UMooq7o4nCz2bDysM03vopSRQCDTCQmaJyRgul+v"
    "gVYoSzdNbd8x6YS4/3yTYcwR6nEcehxD4UiFFaYUmgu2S8uCwlzevmltSnxPKkahhF6PSf"
    "MxCVMahmekSh3jngzG0h4Od9p6Pp7TVhSkzKrB0tcatvkomeSlaJZQHw7Jy/EgGfmpKfGI"
    "LI3mC835woq4S2TbEFPh1IdrIs+BWCU8yOn1mDQfE+03cKR+AzqyrFNbqY606C3SIqNWK2"
    "Kr7Ek/WQt0/37jUZBBmb0zjUHYZ+5005Z7rZ3vkf3Uh+4WEBesEDYdEFKDB+RvgBdV8wPm"
    "mkLh+dyyGJoEAE9bWrRhdtFhnSqV9Kxs6xqVfRssOcoF5Or548a0A5vjzrbIZhNyDqKLBe"
    "bzch5OT3ECD+N56wXbrelKNq+KBIEpyVQMngf3J8/UK60rxWRptOTSXHKZoC9/kr+qCPOZ"
    "vBSJvMZtWIskrUoyDhYTljDhyURV2IxApt37pYxmXFnTtKjerYs/WwENXfxzpNrFX7v4T9"
    "HFXzup9+qkPoyTtRDEL1E7FMP892kehDQDtVQQ5bDXUQPwUdZ6gL71ACHMCtDF7U+JTQqe"
    "opY0QLw8h1dKcaqgNaszM3DBnnE50+5MpJroOkPSMrn1yPArZre+JwHdnlzF9Op5qmlIwL"
    "0nwNCG6eOUdrWIpEUkLSKFWF/bLDsL/W4fwvKAZxIhqdDmvEpMQtgKluHPNWPC7qUkLQ31"
    "Kw15wY6ZtCO6AoQVxiWRUFuY2lmY4FYxC1eOaBpHuUMbM7b0t7vIdJRmdo5Iz+rjtZsWWP"
    "VZxmAuGE2jJ3MQXSww2/RCK2p8xQymLCI2NJiGVwu8dk07MPnN5HKBHbjy54D9PxaTqnoV"
    "V10xs4r3hClD1WvpiXRHXqUr+rmKtfTyVEcOka59NX59RC2bLZ2ujYYxS6cHceg4aq0uPE"
    "514dL0oJqeMENxSgpCXRapXWbJULvWJLlkkfKEYqayGIaZ4tTQy9GcEG4V+nzGwDpQ5L9N"
    "VME3UYfjW8V11fgZnl6jLFI4pzqA8AO03AD5TJ33z6TP0U3HuiDmllpJxJ4uzdVRaa7srt"
    "ABipMPGZXski2CRrfIoZ0RLLOOqISMpjzyfdzjtOZor1Gjwg4iMU4W95hapsl4h9NWybEd"
    "S84rrJI6XapEna+YLhVBSX7eeqaXmHbocFcbMRwtn1eX4VcL7JMHTOcz/X+BLbLd0tf4j3"
    "OQXI7DnKLN6mMwQP4eEN9U4MBJ+1NVTRDLCnYIKulzMiSHg+1iPJiZtk2nYImZu8S/MCWZ"
    "hu00zy5nl5c1+CVtVcow+TPRyJV+swKU5VZogWwacB7aFE3PvehecqC6IcSBJi6ZpAmRAO"
    "qSUvWFanJO7RrXm9vbdzlcb96KwH1+f/OGbvNCfEJxwWsD0JEagFy4VnYVz9FopXIKSSc6"
    "0XU9Td6YdVGZ6VGiy6ujhUo8rFtqoWQu3uPjMaUqqKLqvSUeTdTuYwLkMDq5VGNZqZjLKT"
    "Zraee2OQqtohsZkz+vUNH5yHeUdHQJgVbSpUIPnbSxk2Jd18cszbEHudqUNSiGAGdIjtwt"
    "VDX9lc57VSkjxycjxVBRgeyUNIdVgaLZiMCWYsC0z6znYpioMGHGFCRaPA1LznvSI3Ot01"
    "7qLKOPemNby1VHPV3/a+TKrXp+67r+11GMoz72dXns08r8I1Xm62gO7R5+QPfwGif3UWjz"
    "x2Mq6VV3/T100D10H88kAkzy7LxKbolK2dnZxntLkNxiCEJC4BNA6F876HoEA/4PAmtjYg"
    "yd73itkHAMKBZo50CwNe+gR/vFT0ngA2TD7Y5u3NgvliXp6yXSHKXhi/jjyC886r6QqDRu"
    "G62OuNl5ksmBtv/Ceym2YNsQ20h5kzTxg+WYdOsMnyhJdTdofUSC3bez2fPnr2YXz19eXb"
    "549ery6iLh88VHVQz/5u2PjOfntuT94l9mnJo4k2bIh/YnRXhJ/pgD/rHAXrBkT5eQ10EI"
    "L8XFNpD36MgTp0iO/CqZU7z4jpe54/M/fZZDZUWZBE+hwi8WGBODe2bS4YiuFnhlIoc1Cj"
    "8ZFUtPz4jY5wJbDBqHN0kuxzG4pu9TtiurHVyuZM6QnKSPJabSrRGh0EBUk5DrNAoDqzH4"
    "OjY20XAp+CXmCQ/om6iqqR7EORG6rkUPswrMJUNxQv5rAmakJFamFDJy4ACZDr23Ly7qeG"
    "9fXJR7b18UcnVvvbXsHF4OYUIwRQifz2og+HxWCiB7JKghU0lHcW/LU+ptbXArSzgcslDs"
    "8tWQp5rikug+LTuTBprUIEvJ9GIYeDHEah3FIcyQ6SEcmp9p+9hx2seCnd1wYPOUemAHHd"
    "hCWEROCV9TBMzRnJLtM7cgUstETdgyFKcEWoXBOLUWtTQZ/5x0ND4M65qKc6tKbiwW518H"
    "yNVM3zRi3DLLakzOsdGUlBiU08m6z5xcy4rcxvc1az31rA20AwdmLKsW2UEjF5OYOaWpmV"
    "iPyL6qY6RGqwRYEluiSCl3dozbTwW/g0e5BDaCWLZFl6ckytKMKRsRe+2UshHFOBoUiTJ3"
    "iuoRSCmnqCLsxfAQeZco5djK0oxpQk8tvRazpzsUFxaOKkmzVT4ABcIxjcLU2MqOHldVmE"
    "ncfoospJcgbAyh7Rn06O6Se1PClyu9EYrE2iNhWs5sxSpgtmtGZbmEdJTs/hzwjwUOx5zX"
    "/4quFjgRueYguVxg+uaA3Qo/Zf5vFqEMEfIaYcnlmH3YcqJlYWT3GOgEWm3iGdjE45HApW"
    "fLO6hkss5TNVqc4rD1Lu73v5e40EI7xEzQFglk5TwrEokVKE/S1TNkkg34So5QM5WBmcqK"
    "iVi2QYImPhwFYj2cQ7sBxKeSJo4AAq0ezKEHMz5MNhlMgVYP5tCDqR10jsGPQzvoHOnAFh"
    "x04mWnWvyvQHei0RoSI3ZNBCWUJ4phooBXwk+gOiHsKlyeYlCKOCq77nyMo5A/ZfocHZ51"
    "3XiE2VKjkF12fXYA5xGkD5dwrBo4pjtFByhOvhxgYd9sUQwwygaC2hYDzKYgGd/ZqzRjS8"
    "6bITJ5tUQi9J27ztjPJoRH/+6GCTClbodZ6PZms8naKfdns/m0gcCD9GfbgHKJ1Qps4XYJ"
    "3a884FEW8pTQOwQDMynO9vQB2XFqmmLamta97clPE1nh3EJiGu3W2Oi0WO7WaEMLyXP71r"
    "PpZukP6IUQm2kllt2iLXccdlZW1RDKzEgVoaQpyRQ9PPpxEtM6smNQpRR1ZDHPV8zZnqc6"
    "pdgdHSmmg57GFPSUHNraozf9wCeBLymXC+tTHCnqpiQSiVSBVS6UJFn3jKwSbb9ccp3m63"
    "u6hZ5HvzGIewBMWeL50IU2QJinwNwijJ5SZNeuuaXSxj8hPTz5gI0GcSRySue964oFhw+8"
    "qtJvV4RfVSq4G56fD+vV1n0IlqJfYBuHwIGx6z6t06kFAHaPIJ1OD8S1leJ7sjRjiiyZWn"
    "yPQ/Cabs3uVqLirYqJyNHpcAgdrtOpi7UuZq6LmWvVmFQ1VlBS1LFphhJ7J2a8SdmJe7Xe"
    "RZJw/GXLJOVdjOpey50nEuyVkn8iD4B+v0dWE+IpW4KpXAsiudYDJmDZVsDG9AAVYDEdNl"
    "ZMIpV3nxCXtmEb+lO2oYNH6H1dFJn7fZXU7hdny8mKbNrwd0Ji9aFFm+4Faxdu6buiogm1"
    "o8QyNCcZH2ZaFtyxc4dPfFm0drnVp0B4kvg5pucb9JjBvpjCGhbIJimNdG6e1y76R3F4Lv"
    "i26VSQ7a2iOp0hHHU6Q8bq6Tn7B+RITXnZx5XyiRU2pK91apvvIhoQ7Bxi2lQQWLlky61p"
    "uw2rYPfkl+9/+Nv3t6//dQ48jFYraH9Nr3zCzG4BHVAX3Jvu30JqDzwgfwOQ7wH4B38zbe"
    "TTS5ll7zAvXuAF/hy/YQlXlJy/IzQeulyUBlTaYXmomHGRGQwZ/B7t7DsqQzmPvNfoS7pU"
    "tHrkz+ldbVAcRvIhLlojbDoGv6FwbioQTlP6mV1e1nHLu7wsd8tjz8TMQGxhKUMqkE3R0n"
    "hVx8nxqtzH8aro4kgwK+QZwqAApkg3zen5rJbX6LMKr9FnRa9RD/2pUkcrbn5K578cXBtz"
    "dvlSaSEnFNOcdd2rhNjxoYhgebrbuP00xPEqAbGPZLdMPuW/tYBopa0wS6athYLx2vUfDc"
    "sxA1lh+EpURVLtF6ANsUeoSyrGKMSypnLChyLhKR0tqlRLKTBawySdKMqu41lJd93SF+DW"
    "XZsY/Zm00h4BDJW/E/qiG5fOxc2ZRN+WfXxepW/7jTU0lmnLvfq2RXB1cfliEVy+uLii/z"
    "+7NBfBy8vZahF8ewGv5sxoD/juDMJegcWCECiAwPTBljJDsEL3EJDMsHrgCd3ItmAmcQbo"
    "/3Va/3Vw/Zeqjmba2q5e/Bb1Ae9ID3hNUlG1T0J1fMe6wyf+GfGZrk7OnzrHuTDJhj7R9X"
    "CieweZde4nE9s8glVyqBNaVJ7rHN7W2GQb1zClhmSAkXnRH94G7YBPgBllWPkuyreCMOD5"
    "pFhw4gq5W4B88LCBYRhj9rgFkAdCh3mZDfUAb9QHvIMf8KZXpWMXFs8o6qPjJ3OwS+tr8P"
    "kX1teILhfYhb9BixfdiK/E6T6MWxk9KnmyjbDcDpBSaEuAzBIQZxwy1KGVkGqMyzBuouYs"
    "0J1QXlEZfuryYZ5SZ2TXGdm1oN+HoM+cBQ1132CR7JTE/Sx89MCvBlxKcKqQ0cmoPt/yRK"
    "cEXYVyic6lDjRLioqQEeuX0rW1P0lXwsC0tVXCzvfjFy1IjV6BOY0pIIKu7fdce3Um0eSl"
    "D8+rlHhsVW3TdjX0dwyMrzywc0wLMn2ZiXOKse+A5Zho64EHE/lgRdxIsxZpMXgbmZKuq2"
    "6lsdcRL+VzWsdc96yYc0lZBqn9armY9oAKi3T2C1M91BTPI43xAocN5yBDMLjiLdENSswl"
    "Vb6NOTrtMqql4VOQhrU4pyzO6bhiLcgNKchpKST2mB2nCPIx2EH3npubPkCLuPkTdGmjSp"
    "HES5sbbtp+r2hyi2EcoExWovzAirak/dIz3T10Ih/Nl1+fgzu484HpgQ1isZqPRQGl6861"
    "w8DB5RI+LE0Fk4R4YP/QM0yotOvQp/xzgdcBstk3noP4aoF907mjw0P/X+A7+DgHUYrj4e"
    "WVnQvvEQk8o9VgFHvRo9JmVLxgvYYek1xaDYukm0bj0pkxd+LDMg2vmv7M6H34fNATBFEt"
    "vpMhOVFPD60S0SqRU1aJaOm+M+l+IFNZ4C/JH2/uIf/eRWNZ5vF5pbmMNzRg0nKfVFqO73"
    "4J8As96BILel7CP+OUwbXlwhu0PiLR8NvZ7PnzV7OL5y+vLl+8enV5dZEs5uKjqlV98/ZH"
    "trBzXHe/AHlHf5/8bCwHOG5/MA/zliD3nCpmZz6yqO8iguV1UTIkYyqLwl47pbIo+vh2pM"
    "c3cX9QGVqRVnthD+CFXThYDnM8uoYukmd5iJ5UHorMtE2fxyGtED/vViF+D93youhy9DIk"
    "U9EwHSAtKFsaCiBGzacJYC+JK6OcnipHwwzJUEfD3rauzg6Bg24vf/0fdGfc9g=="
)
