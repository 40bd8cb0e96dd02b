import { Controller, Get, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { OrdersService } from './orders.service';

@Controller('orders')
export class OrdersController {
  constructor(@Inject(OrdersService) private readonly orders: OrdersService) {}

  @Post(':kind')
  place(@Param('kind') kind: string) {
    return this.orders.place(kind);
  }

  @Get(':id')
  find(@Param('id') id: string) {
    if (id !== '1') throw new NotFoundException(`no order ${id}`);
    return { id: 1 };
  }
}
