package org.communitypoints.points.service;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.communitypoints.contracts.seal.CanonicalTransaction;
import org.communitypoints.contracts.seal.CanonicalTransaction.Leg;
import org.communitypoints.contracts.seal.SealStatement;
import org.communitypoints.contracts.seal.SignedSeal;
import org.communitypoints.platform.web.ProblemException;
import org.communitypoints.points.repository.ChainRepository.StoredLink;
import org.communitypoints.points.repository.SealRepository;
import org.communitypoints.points.repository.ServedMinutesRepository;

/**
 * The notice board (公示栏) of a community's sealed month: each resident's points earned and spent, masked names, the
 * totals and the seal. Only sealed months are shown, so what neighbours read never changes afterwards.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class NoticeBoardService {

    /**
     * One resident's line.
     *
     * @param minutesServed the minutes of the resident's shifts credited in the month, less what corrections booked in
     *        the month took off (a correction may shorten a shift of an earlier month)
     */
    public record Line(String maskedName, long earned, long spent, long minutesServed) {
    }

    /** The board of a month. */
    public record Board(String communityId, YearMonth month, List<Line> lines, SealStatement statement, SignedSeal seal) {
    }

    private final SealRepository seals;
    private final SealService sealService;
    private final MemberNameService names;
    private final ServedMinutesRepository served;

    public NoticeBoardService(SealRepository seals, SealService sealService, MemberNameService names,
            ServedMinutesRepository served) {
        this.seals = seals;
        this.sealService = sealService;
        this.names = names;
        this.served = served;
    }

    /** @throws ProblemException 409 MONTH_NOT_SEALED while the month is open */
    public Board board(String communityId, YearMonth month) {
        SignedSeal seal = seals.find(communityId, month).orElseThrow(() -> ProblemException
                .conflict("MONTH_NOT_SEALED", "This month is not sealed yet.")).seal();
        Map<String, long[]> byMember = new TreeMap<>();
        SealService.Month checked = sealService.checkedMonth(communityId, month);
        for (StoredLink link : checked.links()) {
            CanonicalTransaction t = link.content();
            for (Leg leg : t.legs()) {
                if (leg.pending() || !"RESIDENT".equals(leg.accountType())) {
                    continue;
                }
                long[] sums = byMember.computeIfAbsent(leg.ownerId(), m -> new long[3]);
                if (leg.amount() > 0) {
                    sums[0] += leg.amount();
                } else {
                    sums[1] -= leg.amount();
                }
            }
        }
        served.byResident(communityId, checked.startsAt(), checked.endsAt())
                .forEach((member, minutes) -> byMember.computeIfAbsent(member, m -> new long[3])[2] += minutes);
        List<Line> lines = new ArrayList<>();
        byMember.forEach((member, sums) -> lines
                .add(new Line(names.masked(communityId, member), sums[0], sums[1], sums[2])));
        return new Board(communityId, month, lines, seal.parsed(), seal);
    }
}
