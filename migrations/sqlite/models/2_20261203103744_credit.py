from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "inspection_plan" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "year" INT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* periodic: periodic\nadhoc: adhoc */,
    "title" VARCHAR(128) NOT NULL,
    "ratio" VARCHAR(40) NOT NULL,
    "items" JSON NOT NULL,
    "filters" JSON NOT NULL,
    "planned_on" DATE NOT NULL,
    "inspectors_per_check" INT NOT NULL DEFAULT 2,
    "status" VARCHAR(16) NOT NULL DEFAULT 'draft' /* draft: draft\ndrawn: drawn */,
    "seed" VARCHAR(64) NOT NULL DEFAULT '',
    "draw_input" JSON NOT NULL,
    "drawn_at" TIMESTAMP,
    "redraw_count" INT NOT NULL DEFAULT 0,
    "created_by_id" INT,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
        CREATE TABLE IF NOT EXISTS "credit_entry" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "credit_list" VARCHAR(16) NOT NULL /* abnormal: abnormal\nuntrustworthy: untrustworthy */,
    "ground" VARCHAR(32) NOT NULL,
    "ground_note" TEXT NOT NULL,
    "evidence" JSON NOT NULL,
    "source_key" VARCHAR(64) UNIQUE,
    "status" VARCHAR(20) NOT NULL DEFAULT 'proposed' /* proposed: proposed\nincluded: included\ndropped: dropped\nremoval_proposed: removal_proposed\nremoved: removed */,
    "proposed_by_id" INT,
    "answer_due" DATE NOT NULL,
    "answer_text" TEXT NOT NULL,
    "answered_at" TIMESTAMP,
    "decided_by_id" INT,
    "decided_at" TIMESTAMP,
    "decision_reason" TEXT NOT NULL,
    "authority" VARCHAR(64) NOT NULL DEFAULT '',
    "removal_reason" TEXT NOT NULL,
    "removal_proposed_at" TIMESTAMP,
    "removed_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_credit_entr_status_0e67c2" ON "credit_entry" ("status");
CREATE INDEX IF NOT EXISTS "idx_credit_entr_org_id_6e3f1f" ON "credit_entry" ("org_id", "status");
        CREATE TABLE IF NOT EXISTS "inspection_result" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "inspector_ids" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL DEFAULT 'pending' /* pending: pending\nno_problem: no_problem\nrectifying: rectifying\nsubmitted: submitted\naccepted: accepted */,
    "problem_items" JSON NOT NULL,
    "findings" TEXT NOT NULL,
    "fee_findings" TEXT NOT NULL,
    "inspected_on" DATE,
    "rectification_due" DATE,
    "rectification_text" TEXT NOT NULL,
    "rectification_submitted_at" TIMESTAMP,
    "accepted_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "org_id" INT NOT NULL REFERENCES "organization" ("id") ON DELETE CASCADE,
    "plan_id" INT NOT NULL REFERENCES "inspection_plan" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_inspection__plan_id_0f1c86" UNIQUE ("plan_id", "org_id")
);
CREATE INDEX IF NOT EXISTS "idx_inspection__status_f53e72" ON "inspection_result" ("status");
        CREATE TABLE IF NOT EXISTS "inspector" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(32) NOT NULL,
    "affiliation" VARCHAR(128) NOT NULL DEFAULT '',
    "kind" VARCHAR(16) NOT NULL DEFAULT 'staff',
    "expert_id" INT,
    "org_links" JSON NOT NULL,
    "active" INT NOT NULL DEFAULT 1,
    "created_at" TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "user_id" INT REFERENCES "app_user" ("id") ON DELETE SET NULL
) /* An inspector in the pool: staff or an outside expert; `org_links` are conflict links. */;
        ALTER TABLE "supervision_record" ADD "suggested_level" VARCHAR(16) /* normal: normal\nguidance: guidance\ntalk: talk\nkey: key */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        ALTER TABLE "supervision_record" DROP COLUMN "suggested_level";
        DROP TABLE IF EXISTS "inspection_result";
        DROP TABLE IF EXISTS "inspector";
        DROP TABLE IF EXISTS "credit_entry";
        DROP TABLE IF EXISTS "inspection_plan";"""


MODELS_STATE = (
    "eJztfXtz27aa91fB+J+mM07XUeLEVXd2xk7TnpyTxN1c3rPvic6wFAlJqClA5cWuu9Pvvg"
    "B4B0GK4EUkJcxkIprEA0o/AA/w3P/3bEts6HjfXVs+ukf+49kc/O8ZNreQXhSenYMzc7dL"
    "n7Abvrl0eGMz22rp+S69Qe+vTMeD9JYNPctFOx8RTO/iwHHYTWLRhgiv01sBRr8H0PDJGv"
    "ob6NIHX/9NbyNswz+gx/78eub5ph/wt9Mr1/cM0z+jjb6eOfSC3nVoh/xvnzxgA9lRS0bD"
    "bxN3Ldxlr9jdGSsEHTsHQdiM3zf8xx2/9xb7P/GG7BcsDYs4wRanjXeP/obgpDXC/DutIY"
    "au6UPWve8GDBL2iyP0YpTCX582CX92hsaGKzNw/AyENXG1CGZjQr+Nx3/gmr3l6ezZi1cv"
    "rp6/fHHFYGO3kjuv/gp/XvrbQ0KOwIfPZ3/x56Zvhi340KS4+cin3RWge70xXTl2CYEAH/"
    "3SInwxWFX4xTdSANOJ2BGCW/MPw4F47W/ony9fVMD1/64/vv7b9ccnL198y34LoUsjXDMf"
    "oicz/oghmiKY/VoFHD/DP0rmoEB2ODTPzppjWYHd5zf/85n1vPW8350sZk/eX/8Ph3P7GD"
    "15d/vh57h5BuPX725vBGwt+tvXxH2UT9A3ONhycN/SL2liCxZAztL3hXC9BX92T78U9iF0"
    "5yC5XGD65aHrPBqW6cI5yP61wNYG0R8cPkmvF9hGnrlEDmXhc5Be0/b09YELDW9HKK+lNL"
    "m/6bvsgOJBvw59UXy5wBtoOv5mDsLPBd5RRv1oLAP6PjoT5iD/N30L2W4pGvTemtxDFzPc"
    "6bskdxeYsJ1hDvjHWYPF+nxWY7E+n5UuVvYoP6HoNkT3K2PtkmDnKbE9kXAaCzaP5+zysg"
    "agtFUpovxZHtJ0ay/A+SNFwkdbKIc0RyjAaUeU38UXh1yrnbDDt+/ffPp8/f6XHE/88frz"
    "G/ZkluOH8d0nLwXck07AP99+/htgf4J/3X54wwEjnr92+RvTdp//dca+kxn4xMDkwTDtLF"
    "bx7fhWbhghtpsMYoZMD+HAQ+ihNQ52hg1N20FYcqrbsx6L5IcZ0q5PfMc0prQp7U1pq8qQ"
    "6E0qgtGRcbafHGKWnM4dKUtbMYIaCEY8ahxT/sfbLzfv3oBfPr55/fbT29sP+TnOH3IJ+3"
    "d6iuS/8uOb63cifPTVSvCF7TV8sRizM61I5VJTRZEl2a+oGAff7UZXkcL2YCLfQZ5vOGiL"
    "JOu3FLwi4eEgvBgPftYGWncIG65po8AztirTT0LaCMPDr+WuUUyVmE00ECn1Afdi2zVXfn"
    "FDDu/PAf+gkn6wpItkA20q5MeXVL5nP8Nx2N3ksons/uxljV38mXi0Sjdx9kiYzgSvkLuF"
    "NoU3wCr8QEJ5kgwh4YuqABYJTxs/D/7eBL2I7CSxC5mJ4ULTkynKy8WZAuEkhZqLizpCzc"
    "VFuVDDnuUhTbh2A72NSNuBpD+qY/vkBP1ks20wmCKtHsyhB5NyK7/ZUOYop6l/O6O/wb7F"
    "zmM0jyYystGUrxzYYGc3HNg8pR7YQQc2+vJZ2SK2Xyo5kohkJyoix0xrqQqfSHei+KV+Tj"
    "WBSwlOVTeY8RiriVmG4pRAYx5zqzup7xedRRKtPnEhWuN/wMeCYkuALfI6vHXXJkZ/mrEn"
    "0/hg/CueCvHdlGm45kPiTJhZVfRX0t8GY4X+p88f377+fFaYgB2g9xGuJ49bZmXVAC7ZMw"
    "+J3mDizF7wxCNEHQSTbbMDCL94sI7+ZMQAioeIHIKf3nwGH768e3fGGeHStO4eTNc2Sjgi"
    "xeIeWdDYkMCVqPxvIvKf/vEROgnDk+P6Kezqb3FP01neEp+StljwTiaGApsvZEYy8yQ3g4"
    "qPtrOteMfE5pp/a/Zu9ibZninx5Bf31HJvfiK27Nejv8RRP7VyJR632lW/a1d9/llArlxx"
    "Hrcf1vG5ocL82eyqjv1wdlVuQGTPCnKqjZgRy1YCUiBrhKe4f/Y+GfNo1gKzAssClA5cm4"
    "6xIq7Eq6CeZTzfw8DRJGcesRD9Oty/ew6yfy3wigTYjjzn0+sFjlpFh4aEKvq7idF8Vic6"
    "ZVYenTIrRKdMIYKi7hhRioC+9NEwPQ51OCKyu3RsLATp7zF8aG3oyGT+YoEVpsujJ6KLbF"
    "BDMpiFW2MMZ/Ag9pCP7mG0zRZPaYQ40MQlDr9FamGIl5S8rzFWPZ7UNxfd3N6+y6mdb96K"
    "sUZf3t+8oRyPQ5267kmcfxKITGaALgL890+3H/ahm5AK6H7B9Dd/tZHlnwPmH/Dv3uzY/7"
    "kKsMUQBiyQx0fY+4698L9a2Lcr8GeY5PAvhIKJUV/neX0+60AMBXOpqM/ez76nsS3dwfdz"
    "NGlHh3TOQi60pN5Z/AGL6WKfC8rWTIf+Rf9vwmy697/ygh3jhB5xDcYYVU5QEtJOTlEHUM"
    "H2fyrVLv6duPjrONz+4nDZEQjapWGTVZugQKi3wOZbYA5Mepb9Q40HS6mnMd/z7OPyWZ2D"
    "NG1Vyj74s4J3sW9avqGqZRHppgho94JJjMqOYgENKnu5jzsfSgSUcsZc0cVEzg4H59Ijj1"
    "QoqLjOdhCzrAKSw3D0ZA6iiwXmeWuoYB5+LrAL/cDFLE4hvmL3fqNH5/BeeEWP0TA88dMP"
    "ej/710iO1Rz3Usfo8gVSIJwG6zl4DhE6++lwl+yXFfxHoNPoVqG7QmpphES6ibD0A8gxMT"
    "Jh4hXLMQNPgmylYq+sC63dEwIoOD5buF1SsFRjouTEJxnbw4zCIRxSl7LKuVqg1ZNUPErf"
    "0x++hq2MbYVODribYRImExFOeHTg54D+t8C/EYqosXTpN9/MQfavBUYM8cDyicssPfH1Ar"
    "NO6bjEXQ9+iku/m7IEKSGdxlmjbyFy6Zj4jqUvk7DlSp6SJ+yNoRTkmUnwk1gXz8wfDryH"
    "TmOBUdbRQfmKu41sI3nOEj5g3IF9LvA6QHaYpi6+WmDfdO7oCNL/F/gOPs4B/W8cnCQSeA"
    "16iMNrCSMpV7YWKTvQto5KbdKLWjWEy2inPSl0MvwGm26RC1xUpxTVJ+OY/hGQ6uqQAuE0"
    "NtGDC+yhM1vL2S52Mka2by7jO/HVAlMpzQ08/4G4/oYy/dyf45j/JsaBydIdsKythh2UpP"
    "ErsQvLiKtiTae2AbBQ0ZLgQx1rPemQXA6MjrU+voEthJSYu51L7hsNrECq81wMnedCh823"
    "UJtmNV1qAEooTxRDHQfePg5chzInwaQ6lPmwocxZRtYBiH9n3d0kvU0WSQl/bxHVHFV8Qr"
    "BlGG+2vtR0lni5dN0WDt7XR97VhCGxmB0l2BmW6bWdIK/Drl6b3kiFqnqARI6Hpu/D7a7t"
    "LHkd9nYddjZpWAJsIcegTIj7UbfGhXf3JuptysCEylCIaV+tVxDv6w3taspcFmFvFw4r5b"
    "QefW1LVN4m/X3k3U0YGspUTGuzhbj17pN0NGE01vSEQxntbuegsB5ZS1B+Zv1dp91NGBrT"
    "3iLPC5cQ/WJe6/kS9/cx7G7C0IQ+dy3xuHXX73k/EwYi64HhQou4dttEPWmHH3l/EwNHKW"
    "dPiuOfZLtEkO/gElE+BvAWw8+E/rcfxn/x/uru4uMRQ/9STGMU6SwkCYxSbUZ56iI3bdNp"
    "0qKvzDU32hf51/q3kMZIZyY6P+7MRJ3rX3suIdzKDW8A1zspmlx3Sqcud+lNVIGZRCrj8K"
    "9QTv7UaYaIw6Z96t4lNwy+k+yRVe64KdEBffsTYEfsihvuU2rmqxzNCRn9KuxX6XavbTC5"
    "6VFigFGzGRgIGxWGrp4MCONBuMj/EljkhtMTM6kQd93lHFFMJz7SeRKD0n6GTDe9uuDWjR"
    "ybsqZ2YEyQQYux/qtVOwgml69bsAxYwTJMvbZsb298m/R2U8/kOFJUMPGR1RaMD7yT6YKQ"
    "9Xloi4WaH8iYeKaSBlNRXZdLSS9R2okp68tVd4U8+Xs1eGefNxBEZE85GXCgveb5VDEELn"
    "kAO+iCMN38OUC+B7YIBz70wMolW8ALEj9F+D9I4APiAhNYxHVDo+B3omah95fVSZUe0C8Q"
    "ncMzgQY6LXrXysdo5BTAy1CckgdoXgvG57MsI1d1ZpEsnc7U8Je4jaupwaP20whUPEBBWx"
    "3KdRQRPxwYHcp1fANbpg5TDP8RqE51D84cEGsCl6E4VdDCM7sabDmaboCbwqG5wmISREqk"
    "lvaSmrqoEcnX54K5JLOicsaS19efXl//+OZMyu06QG6aen8RPYGRyxEstzYVdR3iOi8iHT"
    "th1cS5eeW5vld4XYxzzKsGwu00RCFcMt1QAmS5ViiZDung7dcL3TKFDPSQDbH/jQd2jmlB"
    "gDBX1MQd/gD8DQTh0ICdiVywNe+gB2wS0FcDL1humQ6HClpbB3peUR/U10uk3mdZNsEZre"
    "h/9lVcOGkeFdob7Q8TrSfqXE809uzYdd2sKGwr5G5Z5qbkcoEfTOSzlF7sdnq9wBb7NY7D"
    "W8eX4vIYxhErmer1Z3OW5IRcX7SK5Ogkaa0iOdKBlUWThjy6yZIVaHW+m6Hz3cRbaJPBFG"
    "j1YA49mMzKS4cD4SajKRLr4RzJcJLAbzGeKbUe0IEHVBsXtHFhUC251vc20feKs1DbGerY"
    "GVS05LVimgsuem2DmkXvwLHufa2jmvlsk6jA41lYoQDf7Yx4yncb06wjmPtVDrvEaV5QPK"
    "I9oBtXbMs4KyCaPJonBo8FdqBpM+fX8HOBeRjCHPCPBWaZRvAc8I9xqIbJDmLZTC53pUsp"
    "Oikkd9gw3e4DygNW6EMNwQxJT7X4JoYhRtadcmKDDM0UvTq7R9GFpqNcEStHNEUcuw+8b1"
    "FIWRdQrlsbhZ3dVOdqlkbvPWy6mZ73QKhksjE9SU7fciQLhBOZpQeoCavTbnRaUVPb0I/B"
    "1FrUGDum5xsOWTey6BSItQFgYAOAZ1GxzgjTxCl6fBcpT8hfqEKlnQWmA8XsBPMxnIv+tc"
    "Wp0k3anGivKFe9nkbGnJp66FrZSdU00CMyB0hCWNpi0dixfSQo5EsVsuRByO8iLbZaUYaR"
    "LprBajKMFY9hSzKMFpWBKzKMFJeIpzxC0/UMZhlouwuH7OT/0/6mC0qU49p7gLDt3hOmt/"
    "7EepouHkviGysIbXaiawfHDfF/ynQ00f2Y4cELA7RnJBSQ/456ekfW050iURkT4ho7l6yQ"
    "0z5dWdTfdCEZpnzJSMEYQfWSUSNDlr91cjDhuNzGnU0dFcpL6MW2C0x+CbuaLiIjKHIzUm"
    "Toz0H3sH1BsR/DfibmeJp3xAizY3ajUJt6lswQDCMshG46neQMvY46m/Ac8YJl0nnrGkhp"
    "VxNGJCqStUFtpb2pFspq6DcN/9hB149P/OXQ1XecfsN7nBbLUXSZzmldJa7Tola2woU6qx"
    "bmTTuuDZVRDoWWzbUkP0f8NFMOPEoAQZt+ZUTCXe2Qfd6tQ3Y8AjWRi5v3Fbk0SvRStDLz"
    "tCZgGYoTxWzs+WAK8LGzn0Hf60aHYMHxP/OUQpj+scC2a678OeAfCxwmMuKtkssF5vMhCo"
    "INi3jFfy2wC/3Axex+fLXApmXBHe8kvlpgQgUNO4BzEF2c1RvXnoMJmGSJXGgbXqky4u+f"
    "bj+UeSJLiIUR/8I857/ayPLPAUu78+++Dkpn/7kKMP8aYBkgx0fY+4698L+Ks6ELfyGGSs"
    "5VqOBiK3rTnud9gFgHoottk0EYK/bstZPC/tHzITvTrQNXpleoGIECpR6H5uOwoj+Qfh+l"
    "EcjSjAn7qfEfKqyp+lHHJDrd/V+iziU8PTRwthVpta/t0L62fEAM5lIiGcxyR1uB7HCZIy"
    "7GI0mkzmvKkW4SUh3vJgDTJG+aQKzZy8DshQuU8voo5YGLOaJpLItDRyxmBfUGC0VCrpfK"
    "wEsl1LEYLjQ9ZWWFSDkmSWFqUlpa8s2IdFnFlVW2/YiUVYtqaguKLZKCii1UCzbgQAKp5j"
    "6DJ90LtbkNhlIg1UM5dELMKDzAh+7WgFhiHapiYUXaI2diOir8SKPCdWb1oxhYSfhTIuWr"
    "ZzuVE59QkHgu31riz1ITvZTglFLFlsSYqUFXJDwlCCtSEwiOWa0zEyiE7I3IbfFcSE9QnC"
    "4l2QmE9dwBhLfu2sToz7qhKCMGMWVXNcATdoYOgKyZvng87p8ifvLNMoflpzefwYcv7951"
    "lslY0QM1G+YucUAVouDL/U+jMNlsAD4n2FvH7hpwmqfBDjAiEMYdg5VLtrywHNO3/UDbEI"
    "/eXT4CG7KcI6xXriZ7sghevjBfLILvLy8uFsGrl6+Wi+BqubwAxAX0mQWvwmffFqvbHfbV"
    "OjuxLl23XwHM5mBR2ctvz/kEXeBwQs6jiSnO6mGcBVVNVNo6VWWdIoFPt47GibUz5MOmgq"
    "SnsHtyFzrA8osx11WMUIvMQCqTuUipp3XFtDZixWddpapIpxWqWqF6Nnq9m8SwwDfsJuOa"
    "JdT2oYHtQ1SccxWLa2VJTkltJRanoJN4qQidSKZVzVrV3EhPytdgB1qpMIvXm7i38eFYVz"
    "uVZUr7S5Jp3Wgt3agcu5iHaaVokaGPSx2aT3Ep04gWkmCWK0XZHBFScNZVivIaUyAiAj6h"
    "ErRpbYCJAcksIfCEuAD5HlgEL+AzcxFczsxn7Pr5chG8WrLry+eXl/TO6oX9jQdCq8i35+"
    "AB+Ruu44xkK5lydIivsF9Jms0iEH03Vn4W61wCnatPt3QMSEkxrP1aqJT6cNoQuRaKF/KZ"
    "A/6xwPfIQ/4c8A9W4o3OIV7ijX2yKO8dy5btEZeFecfXo9JQDaUW7HBEOCcJ9YL8YoFXJu"
    "JKwfBzHHjn2EsB9HJ9lUjXUl813CGopsJKK/+71JJq9d+Rqv+0CN/AW8wirt1Aa1QkPCG9"
    "UYUSREvxzaX4zJzScrxsiY1Mks9XZZCK8oXCDftk+XzhiLrCfAwV8wp6/nJGJWLrhTnnwm"
    "/UJXgwmWj8lPdMG1K5+tcNm18E/3rOxWsMHwCLKgGQJzQBv8YhJr/KZPcDvFH7Mx1cII/G"
    "R0UWyZAcuxjSJF6rwzit0eOjxTQtpmkxTYtpWkwbB4JaTNNiWv/QjVxMy8SbSSS0fDRaze"
    "znSSjcftHsFsPIIAkY0ZzLPSvkMHHngY4deTgPTZRLB61Dc6cbOBCY2Ob34wyrgFtGHbg2"
    "HbAiVGTiVa+KgtkB3qfFstPKuT4N8FKwwmnOy0tKInPKJTWR7tiltej3ctffJkClhMeOFK"
    "8dDlVttFmiY0coDFuELB/7EtL9Qin6Qkp8/Igdc/L7qaWUi+oisCK8uyZ5TWX0Ooxi6DRb"
    "WoF2pAo0HejRoSZIu4536DouZs1pWzZVKM82PjZThqxalT9FnU42Qkai1BECaPbmFEkCd/"
    "brc/65Mf0wdQcdBc8HdMOHO7AiAbaBuSSBDwiGOff1UAXj0XVEezwP9SrcMx3eIxvS5VRU"
    "4vT1Eq25ObjmRtd/a1D/LZzGKgJRhmRMYtDUavCEMKrXGhHITrLWyNhTARWrFrLZCWUFC8"
    "MHcxB+LrCNPFa9nd1KLlmiFQ8aYdqg5FLMHcT+hqYb3uAX4mY3TOBF8jMaJGOR0WoPFpkH"
    "S4pUA5YuJdbMvQVzZ6dItbNIluSEpGWtRDoBJZJOPn4UA1tIPj64d90URNaCPrCORoud8l"
    "rqs4Rsr+NbFwrqrD3OdLcYfib0vwO50vU967pypOtaCfiJHVHOSpWA4ePzGkpAL2lZz6kr"
    "wICsuJYu7ADQJhBiimGUeYJp5HYuYZytzFFLvQ+twtM5fvdLK7RpIJXswwdzEH4uMJ2BbL"
    "bNQXRBZX2eycLmiSzGmDLBJ77pKKlTo/YnqZSivMOCXpTEuSZiOZqTRC1VjNWELCU4Sbyg"
    "6xKJf2q5Ci0h0HozHfl1tKJpUeewQhh5m0YjK5Bq57KBncvouc71GzghFehOSK9a4YWUwl"
    "LE8vTckAqTZFQRVdeBjfx3ZH0mkbqTZ+eV0VSsleFEzfbJ2+Xw1krmuPwNWn44RRgo4Z8U"
    "VrV0jjdofUTC8vez2fPnr2YXz19eXb549ery6iJZz8VHVQv75u3PbG3n2PB+kZqONlGszp"
    "cl6YlljlIvIYLmEqckP2MVbjHVNM7bvaddTHLrKKAo12v3557RcvLlIHz5ogaEL1+UQsge"
    "CQETea5aF0eBbOAsoQ3RfD6rgebzWSma7JEUTRlD3IullCVOBMnu52VZ9Fm5n0lpyFkT55"
    "JRyVS9eJGYK19WerMc34RAw1sDXnV3NO2EVq1MY7GS0FNlrnmqaSDbN2+dllqy6wPVcWkl"
    "FRxA+lQl3BD/Jwht1tmZRJuQfXxepVBYEt9YZVvuteF/3kBgenfQ/cYD98SHLD0li6oxsf"
    "cA3R/YPZYzxVzTGQCsjYnX0APILxry23SkrfkHt+bfS3MU1rPl3/ecr7AelGfBbg6CHTPV"
    "P2Bmqn/A4qSssz9c1dgerkp3h6vC5kC2rAy5ysklQzKNDfbQRxd+BKHf0biDErV4+eFFpJ"
    "ukzmJ2eVljhtJWpXOUP5vyEUZbVrU392kNbMGbO/CgoqEgQ3Gq2VLDo6cUti9f3v5YoqfJ"
    "EgnIBQGyv2OkTfA7kGeyDJpQExvO3uy85D+l0h4deDItV1+W6BE5up8LpujMcqrh0L1HcB"
    "SnaBFhRa95KiD+d3TYiYzOI52de3HOLb++XecF2OSStwBstfCdHDnrGvW5A3xMlaQfpV1R"
    "MTrEgtd9dOEq8Ezn2x+4KzyyAfJ4wwQuYDmIChGJ7C33tO/rRXUcEMIeQvfQ3MlczQGhnH"
    "MPwbIzAbH8Tey/Fz1Fw+7h4ucV0n6Mt4pYmqWZillNS6ZTl0yzXELwPCKERc1VndqkvudL"
    "SjdKNKvciW5v3+Um681bcTZ+eX/z5uOTZxxb2giFm2TZIVhl4acUWh0lt6TxLbI0ZUaVNU"
    "2kbITwAF6vPTt++GRn0G+hgmWGZJIg9sI9GSg42C5lC74iNCxLdEJ+2DmNKPJ5zLFy0qci"
    "4UnGPj1Aa2P6PPmRmodBgXCSq7kHL4ONiTGUhHjWs9FlyIeuQb5FGPHgbXM7B5k/FpisVs"
    "hCdEM0Lb565kC808SiN6szFrPysZgVxsKDnseWuNrMzlNN4yzV96y+Wxr30PUU3Y7zVFNE"
    "svsj044CQrAsBrxSUMqS9SYoFZFUjWgZRFSallVUO3bVNooe3Hg2zfPwaOxA441ILDMDdR"
    "6LmAmWzvjzCYw+Io2NRfvzTgmOhJMZhr8UDTuvXWgjvzQxevbxeZVJx+INFRKjl//SWjGa"
    "SdKoKF2OmmlE+z3u93uMRpRFWjQWrfJdDC1emUtM3K3pzEF8tcBUcnIDz38grr95nIPcn0"
    "1Equ5jD9cuS+OvIgSkFFOxRvUtAoSIGKrlxgWyaYhTh1byxwUjisCWh3hlacaUoXlqVcg8"
    "ErgWVLWp5qk60SL2vtn1rG0Ze8q+ojvFziU74klz9sWP5iC+WmCELSew2b34aoFt+nTHc/"
    "SHFwvswi25Nx0j7UG8E7VJHjXL8je7qKN4vChXPF4UlDzR91NOr1MkPCE5VuIDagdKpTjz"
    "VMdegzP6tT49MaicIwQyfY6QnSNix5QGSkWBVKc6GzjVmQ0ter5T58UFuhNlxTEO6ishT6"
    "kXwggWArdsNigaVCTV+4Z03wgoKi7ylUSgHNE0cO1bBIpP+k0SioiU00D08O6QeVmqAX8v"
    "6UIz+oEZfSQLNx1RPZBjGchpeTZ0fpA9XteGwas8TUMMqfBskBYtUnZsaFu2aDweDkqFiw"
    "6WIImOwA5ys8YvjonPJDZ9ocV5lVkfJW2NXdy4T8u+tuI3WLPnFVb8R2iqRDjEzU+J5eW8"
    "blGZqX2/FSimHdrNYQddRGxkzUF8tcCmvSH0Bv9oYrDpoSwT8tXyUicE03RqeDarkz+Lti"
    "rHcFbIoeWybVRyUIUW2ppOicAR04hH1JDou4h4nJhWmWvevH77/vrdk5fnLwT/5RjcFwWr"
    "IW2wVaoxnRCMyWthanWlV/R7Q1cJ9wzJmJCfmr8IO8NhKqPK9HvlNt481bHbeKMjL3E9g+"
    "6fhrWBMo/i8rNnCfnhTlSz8Rynxu5WI1nltmuu/OKSDu8zVxn6wVxnTJ5Kk32M4zzlQVkq"
    "iKqYO2kOiJGq6vs2frCBNBDeBRK1X/mulKfSG1PzjYkvpCb27gyd1p0PbgThC0I1L4BIdp"
    "JZAWLrgarLTIHuRF1mtN3miOw2BSNEuSo9y308CqXksBkH//30j/1hf6lu/CPvbpzDXRn8"
    "179hIYKm0rSQwlfLuOCmzTs1L3w9i80WzHr1b21t6NfakAi/dDNS06uJhGM6TE9NvzZ2qV"
    "sSzAKxzRAsYBw/YbYMfrHAmDDvJ/qyLcU7uWZxKXTYVo+8cXq9wF6w3CLfZxEryeUCm5YF"
    "d/xmfDUOMT76OYayZrpAqFdQGw01n2ySASj3gszSTEOpcmj/xxWERiNkBTqNrgzdaAtV1u"
    "6LdC31+6NSoUjU++HWgKwwFaFitJuU+KQAUw19k1PrFSz3D89ilRxWGjkVV/WkFaUDK0rj"
    "I2eTUMc8qR5K7S+u9Y7aX3wUOnimalNMvpBSnBJoFU72sbqypZd90cd7fEjW9bPPTBK5o7"
    "2wbDuATwcpHCRIgbhn5UYE4tayHkTN9laPusYgoaBXvFTTjhBnDuhkWK0AvWtiQALfQzYE"
    "8I8ddP0fwK8MPwfhO+9XYLoQULxXDrJ8wO8VS0f19hYdOnFwYwb/LCBX7lEVt5+mf3r3Sf"
    "fofEcOSnhoXRgFsmmoCg7g618emiLH8fDhKGecx3WHYufGlZDfqh1RczQn6lyTbE8qBqkc"
    "kTZGNTdG0WMNupfsRNVl3hKiA9YuSDZ4XbpAK2wOrbDRtQt07YKOhOaD1S5QFJuvfd+0Nl"
    "uIpc53mafnVYKzmW9XR3IOdg4xbWgDejSH4A7ufBDQUXLBven+R/jQA08wvKe3KHb3tCVz"
    "I0KW6TiP3/7ABFqfvg+wicLqJHsYrVbQlsrPfb6rVmmBB8xydbIpzYaS/0Xngi4w0LV8nQ"
    "e6rliTp9KydhZLNXtFhuSUlO8Tk6k7E6e7D5ojLlojbDqGqqasQDjNZdxLYVrPJyyTsSqk"
    "Alk3gB42q/9VnaTwV+VJ4a8K6R2io4DyHiPSTXN6PruoAyhtVa5BuyhA6qE/JVCWbjJx81"
    "PdYLyNObt8qbSQE4ppzroe6vtqjc1xamy0i40yP4mFY+U44SKhVnlFU6oDjdfp+IuUTEat"
    "NZQtsVEpD99wQ+aZRHEYPTmvUhquXZMeiGHasp7DzT2iAwlceI/gA3Tzni7MDucBklk6Hv"
    "OXeQQPxL0DK+Jybxn7HnkQPElcYnhCpW9LPG96fZ12wdEuOBNTC2oXnE5dcEL2RxmECpg5"
    "oilC2YuaS7uUaJcS7VKiFRSjVlAM71IyhQNcQboul28yHMjzqHTInBBaZmwKhZfrpLtxLp"
    "IyGVKSsWmfO84thp8J/a9fsbrvideTK04HEnJmKpXKyvnpVk9qNsw8Ucd5ruiXcKKAb9Z9"
    "JKnrjFc9S6hjz7UkOb+qJFsqpkniiZaCqDY4vxBVMcP49scamwb1CyWk05DTDp2gwrMIO1"
    "wVoC2X2FKKDsS1UWUq6EUu84kfVt4QhIiqeh4JTet6HqPCNy3nMatdzsMi23h7rb/2ExK9"
    "5kvXfBPZNkeo85ToPCVaR9GHjiJz7ldTVRQJT9WpYpiw0IkCV+FLIYigLf0Bfmay83W+y/"
    "FBWlePUVxt+/0rUmt7SyhTA/90AcwtuBx2HykL/fj29eehHCsKE1WiNpJN5n1qI2E59Vp3"
    "9SvLH0xfu40AjhQTtNXXrNdd2kaHQ52aJqmYtbteqSx5/m0X+oHLisqtWM53vCJMnSTcYq"
    "0y1Jk/FvSpS4VaY2d6XBWV+3OBI2YROgLNQe5P+o24ZEK/Dv+kf1PB0rhH9IPeS64XmC5A"
    "l9xz5Vd0xb7RbzxZLvs64dUC74IlXaj0hOYjC85B7k/aCz3sQSZjGkz9y3sT7iwwwgZfW9"
    "Dz5iDzxwJbDuE/MPxsomqb1XHInpU7ZM8KDtn027GfrhyjItJN00unF8+SFbECzzCpmKIC"
    "aJ5qmnB2Hy+wpL94hSxkukimrCzXBRUItUZIphEiS7aK0b0auHkqjawMWaZAcRCWMNVyDX"
    "uWRrtENVe9LwObno6Ze5mahUOk02PQfAxcSH+vx5WNW3kRwerK5hLyYYqctygsWMMk8uyF"
    "gk0kPro2g1RCfZxmJiVMQ0mlgaW5QKj3QXkpkxUxbGja8s2wqpaJQHjktTnY4vPC+nmqU1"
    "FCqiej1ACaaASYSK926JXRapSrUVYuYCQhPfJlb67pKWpNv7/BVViqe3qR+jj3dBXXkVBb"
    "Z3i+KbO4lE8+ke7IZ170c6EsbdJekKA0edKxQZRqdzFRUeaJdNPYJ/pW5om6csW9oYT8yK"
    "dgm9JhuljYyDy32GZsNxrKPKUeyKFd8LgJr4kHXpZQD+PQw6g9KY/TkzLY2Q0HNk+pB3bQ"
    "gY2+fHHBqqbMKtCdUMYsnaatXSXEnDNdTdjyRKcEXYVPcQRKEcZm/sS/pN2ND8q6rrD5iV"
    "LiC6uLIionuZODl24DHWA4+SR3hU1ROcedzgEh5oCQOFfRNu0g4dzuNu5swoC4cEfcthOE"
    "o/GR9zRhKOgTbG2gsTMfO1g0n8Pefgk7mxgsvcdzpEunLJojt7j2xXKQXOM6uTMTCkB/uA"
    "dtYAcMKl5RdhFcPntpLYJX3z83AWV9iNjnwMQ22JCHqNAslZ6Iw2rjIF+aK7Pj7nVuzMPH"
    "i5DAtdRqRCQU2rbEzzJhmQcVh44MyVTc7Q/uyTHyOCbJHCU7iIvzlN+eA/b/Age7Df3acx"
    "B+LrCNvC0KY4+SS5HP1pnV3SfC4aw5kAfhVnkmZqmmwR8OPbO15v8oFMRFzX98mmkwsgKp"
    "ts4NbJ3T6TBaK69DgUDZXCKSnZC1ROfEOFhOjGSWaWVsccmNqt5Izt5SpkTJ2GP2qVAylq"
    "AaChTwCE33Gy/VZby0THo9e7ZcBC9n318CVi54DsLovXP61+4cPNARJQ/nwA2WLrK4xoOp"
    "Q9zAgR5g9YYfQWbKgi2EvidRrhz01VrxcnDFCxteBeTi5n0dJ0aJ3qmWcOklOQTP8GmE/E"
    "Iin+xNDpohHSYctj/f5ybRmzvoGnEqEsp8FRGVUGtQAV8FmR3KMxhOUr+DUkZZ1cXhZLFn"
    "42GdaXoXpYwEAplOSNA8IQHT/XoNtEJZumlq+45JJ8T955sMY45Qj+PQ4xgKRyqsMKXQXL"
    "BdWhYU5vL2TWtT4ntSMQol9HpMmo9JmNIwPCNV6hj3ZDCW9nC409bz8Zy2oiBlVg2Wvtaw"
    "zUfJJC9Fs4T6cEhejgfJyE9NiUdkaTRfaM4XVsRdItuGmAqnPlwTeQ7EKuFBTq/HpPmYaL"
    "+BI/Ub0JFlndpKdaRFb5EWGbVaEVtlT/rJWqD79xuPggzK7J1pDMI+c6ebttxr7XyP7Kc+"
    "dLeAuGCFsOmAkBo8IH8DvKiaHzDXFArP55bF0CQAeNrSog2ziw7rVKmkZ2Vb16js22DJUS"
    "4gV88fN6Yd2Bx3tkU2m5BzEF0sMJ+X83B6ihN4GM9bL9huTVeyeVUkCExJpmLwPLg/eaZe"
    "aV0pJkujJZfmkssEffmT/FVFmM/kpUjkNW7DWiRpVZJxsJiwhAlPJqrCZgQy7d4vZTTjyp"
    "qmRfVuXfzZCmjo4p8j1S7+2sV/ii7+2km9Vyf1YZyshSB+idqhGOa/T/MgpBmopYIoh72O"
    "GoCPstYD9K0HCGFWgC5uf0psUvAUtaQB4uU5vFKKUwWtWZ2ZgQv2jMuZdmci1UTXGZKWya"
    "1Hhl8xu/U9Cej25CqmV89TTUMC7j0BhjZMH6e0q0UkLSJpESnE+tpm2Vnod/sYlgc8kwhJ"
    "hTbnVWISwlawDH+uGRN2LyVpaahfacgLdsykHdEVIKwwLomE2sLUzsIEt4pZuHJE0zjKHd"
    "qYsaW/3UWmozSzc0R6Vh+v3bTAqs8yBnPBaBo9mYPoYoHZphdaUeMrZjBlEbGhwTS8WuC1"
    "a9qByW8mlwvswJU/B+z/sZhU1au46oqZVbwnTBmqXktPpDvyKl3Rz1WspZenOnKIdO2r8e"
    "sjatls6XRtNIxZOj2IQ8dRa3XhcaoLl6YH1fSEGYpTUhDqskjtMkuG2rUmySWLlCcUM5XF"
    "MMwUp4ZejuaEcKvQ5zMG1oEi/22iCr6JOhzfKq6rxs/w9BplkcI51QGEH6HlBshn6rx/Jn"
    "2ObjrWBTG31Eoi9nRpro5Kc2V3hQ5QnHzIqGSXbBE0ukUO7YxgmXVEJWQ05ZHv4x6nNUd7"
    "jRoVdhCJcbK4x9QyTcY7nLZKju1Ycl5hldTpUiXqfMV0qQhK8vPWM73EtEOHu9qI4Wj5vL"
    "oMv1pgnzxgOp/p/wtske2WvsZ/nIPkchzmFG1WH4MB8veA+KYCB07an6pqglhWsENQSZ+T"
    "ITkcbBfjwcy0bToFS8zcJf6FKck0bKd5djm7vKzBL2mrUobJn4lGrvSbFaAst0ILZNOA89"
    "CmaHruRfeSA9UNIQ40cckkTYgEUJeUqi9Uk3Nq17je3N6+y+F681YE7sv7mzd0mxfiE4oL"
    "XhuAjtQA5MK1sqt4jkYrlVNIOtGJrutp8sasi8pMjxJdXh0tVOJh3VILJXPxHh+PKVVBFV"
    "XvLfFoonYfEyCH0cmlGstKxVxOsVlLO7fNUWgV3ciY/HmFis5HvqOko0sItJIuFXropI2d"
    "FOu6PmZpjj3I1aasQTEEOENy5G6hqumvdN6rShk5PhkphooKZKekOawKFM1GBLYUA6Z9Zj"
    "0Xw0SFCTOmINHiaVhy3pMemWud9lJnGX3UG9tarjrq6fpfI1du1fNb1/W/jmIc9bGvy2Of"
    "VuYfqTJfR3No9/ADuofXOLmPQps/HlNJr7rrH6GD7qH7eCYRYJJn51VyS1TKzs423luC5B"
    "ZDEBICnwBC/9pB1yMY8H8QWBsTY+j8wGuFhGNAsUA7B4KteQc92i9+SgIfIBtud3Tjxn6x"
    "LElfL5HmKA1fxB9HfuFR94VEpXHbaHXEzc6TTA60/VfeS7EF24bYRsqbpIkfLMekW2f4RE"
    "mqu0HrIxLsvp/Nnj9/Nbt4/vLq8sWrV5dXFwmfLz6qYvg3b39mPD+3Je8X/zLj1MSZNEM+"
    "tD8pwkvyxxzwjwX2giV7uoS8DkJ4KS62gbxHR544RXLkV8mc4sV3vMwdn//psxwqK8okeA"
    "oVfrHAmBjcM5MOR3S1wCsTOaxR+MmoWHp6RsQ+F9hi0Di8SXI5jsE1fZ+yXVnt4HIlc4bk"
    "JH0sMZVujQiFBqKahFynURhYjcHXsbGJhkvBLzFPeEDfRFVN9SDOidB1LXqYVWAuGYoT8l"
    "8TMCMlsTKlkJEDB8h06L19cVHHe/viotx7+6KQq3vrrWXn8HIIE4IpQvh8VgPB57NSANkj"
    "QQ2ZSjqKe1ueUm9rg1tZwuGQhWKXr4Y81RSXRPdp2Zk00KQGWUqmF8PAiyFW6ygOYYZMD+"
    "HQ/Ezbx47TPhbs7IYDm6fUAzvowBbCInJK+JoiYI7mlGyfuQWRWiZqwpahOCXQKgzGqbWo"
    "pcn4Q9LR+DCsayrOrSq5sVicfx0gVzN904hxyyyrMTnHRlNSYlBOJ+s+c3ItK3Ib39es9d"
    "SzNtAOHJixrFpkB41cTGLmlKZmYj0i+6qOkRqtEmBJbIkipdzZMW4/FfwOHuUS2Ahi2RZd"
    "npIoSzOmbETstVPKRhTjaFAkytwpqkcgpZyiirAXw0PkXaKUYytLM6YJPbX0Wsye7lBcWD"
    "iqJM1W+QAUCMc0ClNjKzt6XFVhJnH7KbKQXoKwMYS2Z9Cju0vuTQlfrvRGKBJrj4RpObMV"
    "q4DZrhmV5RLSUbL7c8A/Fjgcc17/K7pa4ETkmoPkcoHpmwN2K/yU+b9ZhDJEyGuEJZdj9m"
    "HLiZaFkd1joBNotYlnYBOPRwKXni3voJLJOk/VaHGKw9a7uN//XuJCC+0QM0FbJJCV86xI"
    "JFagPElXz5BJNuArOULNVAZmKismYtkGCZr4cBSI9XAO7QYQn0qaOAIItHowhx7M+DDZZD"
    "AFWj2YQw+mdtA5Bj8O7aBzpANbcNCJl51q8b8C3YlGa0iM2DURlFCeKIaJAl4JP4HqhLCr"
    "cHmKQSniqOy68ymOQv6c6XN0eNZ14xFmS41Cdtn12QGcR5A+XMKxauCY7hQdoDj5coCFfb"
    "NFMcAoGwhqWwwwm4JkfGev0owtOW+GyOTVEonQd+46Yz+bEB79uxsmwJS6HWah25vNJmun"
    "3J/N5vMGAg/Sn20DyiVWK7CF2yV0v/GAR1nIU0LvEAzMpDjb0wdkx6lpimlrWve2Jz9NZI"
    "VzC4lptFtjo9NiuVujDS0kz+1bz6abpT+gF0JsppVYdou23HHYWVlVQygzI1WEkqYkU/Tw"
    "6MdJTOvIjkGVUtSRxTxfMWd7nuqUYnd0pJgOehpT0FNyaGuP3vQDnwS+pFwurE9xpKibkk"
    "gkUgVWuVCSZN0zskq0/XLJdZqv7+kWeh79xiDuATBliedDF9oAYZ4Cc4swekqRXbvmlkob"
    "/4T08OQDNhrEkcgpnfeuKxYcPvCqSr9dEX5VqeBueH4+rFdb9yFYin6BbRwCB8au+7ROpx"
    "YA2D2CdDo9ENdWiu/J0owpsmRq8T0OwWu6NbtbiYq3KiYiR6fDIXS4Tqcu1rqYuS5mrlVj"
    "UtVYQUlRx6YZSuydmPEmZSfu1XoXScLxly2TlHcxqnstd55IsFdK/ht5APT7PbKaEE/ZEk"
    "zlWhDJtR4wAcu2AjamB6gAi+mwsWISqbz7hLi0DdvQn7INHTxC79uiyNzvq6R2vzhbTlZk"
    "04a/ExKrDy3adC9Yu3BL3xUVTagdJZahOcn4MNOy4I6dO3ziy6K1y60+BcKTxM8xPd+gxw"
    "z2xRTWsEA2SWmkc/O8dtE/isNzwbdNp4JsbxXV6QzhqNMZ/p3Qr3xDD+LW5kwioGQfV8on"
    "v7GGxjJtuVcwWQRXF5cvFsHli4sr+v+zS3MRvLycrRbB9xfwah5WtDNd/xGEvQKLGUXpUA"
    "DTB1u60MEK3UNA3LWJ0Z9cMPXAE0RPmWAmEU76f5028B1cEuGfCseXuP00ZY9e9Kha83cU"
    "h5eiU1yT0Lj2QXHHd4I5fCDSiE8xdWKQ6mibQ6f/ltrm28xerHXOGVTec3Rl57n0YeVpjp"
    "5yjG3aroYrFjvefuOBnWNakPlEmTh3VPoB8NpGHngwET1JETcK/qDQrJC75W1kPlhddStV"
    "HtOe+DNPR4v0f1RzSZkLzP5IkZj2gOqmdPYLU92hBwbozkH4ucBhwznIEAyukIqmP1StqZ"
    "mj0xZyfU4+hXMy2+uUmHpKcEonZK0Y7VasiA4fLWUKxSPwiCWLdFXpGjlTVyp/CnbQvefB"
    "vR+hRdz8Cbq0UaVI4qXNDTdtv1c0ucUQsEz/awjISpQfWNR52i89091DJ1Lqvvz2HNzBnQ"
    "9MD2yQ5xP3sSigdN25ViEfXC7hw9JUMEmIB1Yon2FCpV2HPuWfC7wOkM2+8RzEVwvsm84d"
    "HR76/wLfwcc5iGI0hpdXdi68RyTwjFaDUexFj0qbUfGC9Rp6THJpNSySbjpJE36qw0IlMU"
    "+mjy6vhpVSTMXuVSVe9lIPy6JbsGL2gAzJCaXA0yoRrRLRKhEt3Xcs3Q8jp94G/pL88eYe"
    "8u9dNJZlHp9Xmst4QwMmLfut7bpziQU9L+GfccxDbbnwBq2PSDT8fjZ7/vzV7OL5y6vLF6"
    "9eXV5dJIu5+KhqVd+8/Zkt7BzX3S9A3tHfJz8bywGO2x+skNW4wx925qNDTAmC5YHdGZIx"
    "xXVPrWKgPr4d6fFN3B9Uhlak1YU9BijsoRDA2+fx6Bq6SO4WHj2pPBSZaZs+j0NaIX7erU"
    "L8HrrlWV3l6GVIpqJhEtKNXl7WONfQVuXpRtkzQalEl4YCiFHzaQL4rFa+1mcV+VqfSfK1"
    "EuxL095W1PROSYY6Gva2dXV2CBx0e/nr/wAh243K"
)
